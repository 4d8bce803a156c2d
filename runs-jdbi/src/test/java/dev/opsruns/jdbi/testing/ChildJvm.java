package dev.opsruns.jdbi.testing;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM running a test main class on this test JVM's class path. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * @param main the class whose {@code main} the child runs
     * @param args its arguments
     * @return the command, with the child in {@link TimeZones#CHILD_JVM} to flush out time-zone bugs
     */
    public static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=" + TimeZones.CHILD_JVM,
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                main.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
