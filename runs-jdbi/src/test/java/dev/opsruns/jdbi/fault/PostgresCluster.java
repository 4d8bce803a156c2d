package dev.opsruns.jdbi.fault;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops and starts the local PostgreSQL cluster (Debian's {@code pg_ctlcluster}). */
final class PostgresCluster {

    private final String version;
    private final String name;

    private PostgresCluster(String version, String name) {
        this.version = version;
        this.name = name;
    }

    /** @return the cluster, or null when this machine has no {@code pg_ctlcluster} */
    static PostgresCluster local() {
        String[] versions = new File("/etc/postgresql").list();
        if (versions == null || versions.length == 0 || !new File("/usr/bin/pg_ctlcluster").canExecute()) {
            return null;
        }
        java.util.Arrays.sort(versions);
        return new PostgresCluster(versions[versions.length - 1], "main");
    }

    void stop() {
        run("stop", "-m", "fast");
    }

    void start() {
        run("start");
    }

    /** @return true when the server accepts connections on 127.0.0.1:5432 */
    boolean isReady() {
        try {
            Process p = new ProcessBuilder("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q").start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(String... action) {
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, name));
        command.addAll(List.of(action));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with " + p.exitValue() + ": " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " was interrupted", e);
        }
    }
}
