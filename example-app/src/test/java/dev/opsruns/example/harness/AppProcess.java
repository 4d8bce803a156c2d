package dev.opsruns.example.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The reference app in a child JVM ({@link AppProcessMain}) over a data folder, with the ways it can end:
 * SIGKILL of the app alone, SIGKILL of the app and its embedded PostgreSQL, SIGTERM. Its standard error
 * (the app's log) goes to a file, for tests that read the log.
 */
public final class AppProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final String baseUrl;
    private final String token;
    private final int embeddedPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private AppProcess(Process process, Path dataDir, Path log, String ready) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        String[] parts = ready.split(" ");
        this.baseUrl = parts[1];
        this.token = parts[2];
        this.embeddedPort = Integer.parseInt(parts[3]);
    }

    /**
     * Starts the app and waits until it serves.
     *
     * @param dataDir its data folder ({@code OPSRUNS_DATA_DIR})
     * @param env further {@code OPSRUNS_*} settings
     * @param log where its standard error goes (appended)
     * @return the running app
     */
    public static AppProcess start(Path dataDir, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                AppProcessMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("OPSRUNS_PORT", "0");
        builder.environment().put("OPSRUNS_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        Process process;
        try {
            Files.createDirectories(dataDir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        return line;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the app did not start within " + READY_TIMEOUT + "; its log: " + tail(log));
        }
        // Keep draining stdout so the child never blocks on a full pipe.
        CompletableFuture.runAsync(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        return new AppProcess(process, dataDir, log, line);
    }

    /** @return the base URL */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return contoso.operator's bearer token */
    public String token() {
        return token;
    }

    /** @return the embedded PostgreSQL's port, or -1 when the app runs on another database */
    public int embeddedPort() {
        return embeddedPort;
    }

    /** @return the child process */
    public Process process() {
        return process;
    }

    /**
     * @param path a path on the app
     * @return the HTTP status and body of a GET with contoso.operator's token
     */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /**
     * @param path a path on the app
     * @param json the JSON body
     * @return the response of a POST with contoso.operator's token
     */
    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL to the app alone: its embedded PostgreSQL, a separate process, keeps running. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * SIGKILL to the app and, at the same moment, to its embedded PostgreSQL and every backend: a crash
     * of the whole machine's processes (the disk keeps what the kernel had).
     */
    public void killWithDatabase() {
        Optional<ProcessHandle> postmaster = postmaster();
        List<ProcessHandle> backends = postmaster.map(p -> p.descendants().toList()).orElse(List.of());
        postmaster.ifPresent(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        awaitExit(Duration.ofSeconds(30));
        postmaster.ifPresent(p -> p.onExit().join());
        for (ProcessHandle b : backends) {
            b.onExit().join();
        }
    }

    /** SIGTERM: the app's shutdown hook runs. */
    public void terminate() {
        process.destroy();
    }

    /**
     * @param timeout how long to wait
     * @return the exit code
     * @throws IllegalStateException when it has not exited by then
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the app did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** @return the embedded PostgreSQL's postmaster, if one runs over this data folder */
    public Optional<ProcessHandle> postmaster() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Kills the app if it still runs, and its embedded PostgreSQL. */
    @Override
    public void close() {
        if (process.isAlive()) {
            killWithDatabase();
            return;
        }
        // A server the app left behind (it was killed alone) must not outlive the test.
        postmaster().filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false)).ifPresent(p -> {
            List<ProcessHandle> backends = p.descendants().toList();
            p.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            p.onExit().join();
        });
    }

    /**
     * @param log a log file
     * @return its last 40 lines
     */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
