package dev.opsruns.bench;

import dev.opsruns.core.FailureSanitizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@link FailureSanitizer#standard()} on a typical 200-byte and 2 KB failure message and on 1 MiB of
 * adversarial input, beside the same messages through no sanitizer (a pass-through
 * {@code FailureSanitizer}, called the same way). A failure is sanitized in the same call that writes
 * it to the database, so what matters is that sanitizing a typical message costs a small fraction of
 * that write (the item-failure benchmark's figure, around a millisecond on PostgreSQL).
 *
 * <p>Run alone with {@code runs-bench/run.sh sanitizer}; {@link #report(Path, PrintStream)} prints the
 * table. Settings (system properties): {@code opsruns.bench.sanitizer.warmupIterations},
 * {@code .warmupSeconds}, {@code .iterations}, {@code .seconds} (defaults 3, 1, 5, 1).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SanitizerBenchmarks {

    private static final FailureSanitizer NO_SANITIZER = raw -> raw;

    /** Which message: {@code typical200}, {@code untriggered200}, {@code typical2k} or {@code adversarial1MiB}. */
    @Param({"typical200", "untriggered200", "typical2k", "adversarial1MiB"})
    public String message;

    private String raw;
    private FailureSanitizer standard;
    private FailureSanitizer none;

    /** Builds the message. */
    @Setup
    public void prepare() {
        raw = message(message);
        standard = FailureSanitizer.standard();
        none = NO_SANITIZER;
    }

    /** @return the sanitized message */
    @Benchmark
    public String standard() {
        return standard.sanitize(raw);
    }

    /** @return the message, through a sanitizer that changes nothing */
    @Benchmark
    public String baseline() {
        return none.sanitize(raw);
    }

    /** The message of each kind; public so that tests and readers can see what is measured. */
    static String message(String kind) {
        return switch (kind) {
            // a Graph client's exception with a bearer token: the common case, about 200 bytes
            case "typical200" -> "Graph API request failed: 403 Forbidden for /deviceManagement/configurationPolicies/"
                    + "4c1f0f5e-1b7a (request-id 8d2e5a41-77c3-4e0b-a0f1-9c3b2d1e0f7a) Authorization: Bearer "
                    + "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl";
            // a timeout without any secret's name, flag or token-like run: what the trigger scan lets
            // skip most rule families for, about 200 bytes
            case "untriggered200" -> "Read timed out after 30000 ms calling orders-service at 10.0.3.7:8443 for "
                    + "tenant acme, attempt 3 of 5; upstream returned 504 Gateway Timeout, circuit breaker half-open "
                    + "since 2026-01-10T10:00:00Z";
            // an SDK exception with an error body, a connection string and its stack: about 2 KB
            case "typical2k" -> typical2k();
            // one MiB built from the rules' trigger strings
            case "adversarial1MiB" -> adversarial();
            default -> throw new IllegalArgumentException("unknown message kind: " + kind);
        };
    }

    private static String typical2k() {
        StringBuilder sb = new StringBuilder("com.azure.core.exception.HttpResponseException: Status code 403, ")
                .append("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'ops@contoso.com' with ")
                .append("object id '3fa85f64-5717-4562-b3fc-2c963f66afa6' does not have authorization to perform action ")
                .append("'Microsoft.Storage/storageAccounts/listKeys/action' over scope '/subscriptions/0b1c2d3e-4f50-6172-")
                .append("8394-a5b6c7d8e9f0/resourceGroups/ops-rg/providers/Microsoft.Storage/storageAccounts/opsprod'.\",")
                .append("\"target\":\"listKeys\",\"details\":[{\"code\":\"InvalidScope\"}]}} while connecting with ")
                .append("DefaultEndpointsProtocol=https;AccountName=opsprod;AccountKey=gPQF4x+aR+WtHXzLsy5Z5vo8SNuCk87jhEO")
                .append("Dghh3SJ+GW7zbUkSaUtR3gxpvEBuHpZggAo1k21Tuy8+UmLNdAg==;EndpointSuffix=core.windows.net (x-ms-request-")
                .append("id 1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718, attempt 3 of 5, password=S3cr3t!x)\n");
        int frame = 0;
        while (sb.length() < 2048) {
            sb.append("\tat com.azure.core.implementation.http.rest.RestProxyBase.invoke(RestProxyBase.java:")
                    .append(100 + frame++).append(")\n");
        }
        return sb.substring(0, 2048);
    }

    private static String adversarial() {
        String unit = "with admin password 'x' Authorization: Bearer a.b Cookie: s=1; mysql -pX a/b@c:1 "
                + "{\"name\":\"DB_PASSWORD\",\"value\":\"v\"} https://u:p@h/hooks/x ?code=abcdefghij1 ";
        return unit.repeat((1 << 20) / unit.length() + 1);
    }

    /**
     * Runs this class's benchmarks and prints one table: time per call of the standard sanitizer and of
     * no sanitizer for each message, and their ratio.
     *
     * @param target where JMH's own output goes ({@code jmh-sanitizer.log})
     * @param out where the table goes
     * @return the table, in Markdown
     * @throws IOException when the log cannot be written
     */
    static String report(Path target, PrintStream out) throws IOException {
        Files.createDirectories(target);
        Map<String, double[]> byMessage = new LinkedHashMap<>();
        try (PrintStream log = new PrintStream(Files.newOutputStream(target.resolve("jmh-sanitizer.log")), true,
                StandardCharsets.UTF_8)) {
            Options options = new OptionsBuilder()
                    .include("^" + Pattern.quote(SanitizerBenchmarks.class.getName()) + "\\.")
                    .forks(1)
                    .warmupIterations(setting("warmupIterations", 3))
                    .warmupTime(TimeValue.seconds(setting("warmupSeconds", 1)))
                    .measurementIterations(setting("iterations", 5))
                    .measurementTime(TimeValue.seconds(setting("seconds", 1)))
                    .jvmArgsAppend("-Xms512m", "-Xmx512m")
                    .shouldFailOnError(true)
                    .build();
            Collection<RunResult> results;
            try {
                results = new Runner(options, OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run();
            } catch (RunnerException e) {
                throw new IllegalStateException("the sanitizer benchmarks failed; see " + target.resolve("jmh-sanitizer.log"), e);
            }
            for (RunResult r : results) {
                String kind = r.getParams().getParam("message");
                boolean standard = r.getParams().getBenchmark().endsWith(".standard");
                byMessage.computeIfAbsent(kind, k -> new double[2])[standard ? 0 : 1] = r.getPrimaryResult().getScore();
            }
        }
        StringBuilder table = new StringBuilder("# opsruns sanitizer benchmark\n\n")
                .append("- Machine: ").append(MachineInfo.describe()).append("; load average ")
                .append(MachineInfo.loadAverage()).append("\n\n")
                .append("| message | length | standard sanitizer | no sanitizer | ratio |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        for (Map.Entry<String, double[]> e : byMessage.entrySet()) {
            double[] v = e.getValue();
            table.append(String.format(Locale.ROOT, "| %s | %,d chars | %s | %s | %,.0f× |%n", e.getKey(),
                    message(e.getKey()).length(), duration(v[0]), duration(v[1]), v[0] / v[1]));
        }
        table.append("\nRatio = standard / no sanitizer, time per call (JMH average time, 1 fork). The no-sanitizer ")
                .append("baseline is a pass-through FailureSanitizer called the same way, so the ratio is large by ")
                .append("construction; read it beside the cost of the database write the failure is recorded in ")
                .append("(the item-failure benchmark: about a millisecond per failure on PostgreSQL).\n");
        out.println(table);
        Files.writeString(target.resolve("results-sanitizer.md"), table);
        return table.toString();
    }

    private static String duration(double nanos) {
        if (nanos >= 1_000_000) {
            return String.format(Locale.ROOT, "%,.2f ms", nanos / 1_000_000);
        }
        if (nanos >= 1_000) {
            return String.format(Locale.ROOT, "%,.2f µs", nanos / 1_000);
        }
        return String.format(Locale.ROOT, "%,.1f ns", nanos);
    }

    private static int setting(String name, int fallback) {
        String value = System.getProperty("opsruns.bench.sanitizer." + name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
