package dev.opsruns.example.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.opsruns.example.ExampleApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The app's own {@code main} in a child JVM: a setting or a database it cannot use gives one line and an exit code. */
class StartupFailureTest {

    @Test
    void an_unreachable_database_gives_one_clear_line_and_exit_code_3() throws Exception {
        Child child = run(Map.of(
                "OPSRUNS_DB_URL", "jdbc:postgresql://127.0.0.1:1/opsruns?password=hunter2",
                "OPSRUNS_DB_USER", "ops",
                "OPSRUNS_DB_CONNECT_TIMEOUT", "1s"));

        assertThat(child.exit).isEqualTo(ExampleApp.EXIT_DATABASE_UNAVAILABLE);
        assertThat(child.stderr).as("standard error").hasSize(1);
        assertThat(child.stderr.get(0))
                .startsWith("opsruns example app: cannot reach the database (jdbc:postgresql://127.0.0.1:1/opsruns as ops): ")
                .contains("refused")
                .doesNotContain("hunter2");
    }

    @Test
    void a_setting_that_is_not_accepted_gives_one_line_and_exit_code_2() throws Exception {
        Child child = run(Map.of("OPSRUNS_EMBEDDED_DB", "oracle"));

        assertThat(child.exit).isEqualTo(ExampleApp.EXIT_BAD_SETTING);
        assertThat(child.stderr).containsExactly("opsruns example app: OPSRUNS_EMBEDDED_DB must be postgresql or h2, but was 'oracle'");
    }

    private record Child(int exit, List<String> stderr) {
    }

    private static Child run(Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ExampleApp.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.environment().put("OPSRUNS_PORT", "0");
        builder.environment().put("OPSRUNS_DATA_DIR", Path.of("target", "startup-failure").toAbsolutePath().toString());
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the app did not exit within 60 s");
        }
        List<String> lines = Arrays.stream(new String(err, StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isBlank()).toList();
        return new Child(p.exitValue(), lines);
    }
}
