package dev.opsruns.bench;

import dev.opsruns.core.ProgressRecorder;
import dev.opsruns.core.RunId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Coalesced progress: many threads of one worker report item successes of one run through one
 * {@link ProgressRecorder}, which flushes one atomic increment per {@value #FLUSH_MILLIS} ms. After the
 * trial the recorder is closed and the stored {@code succeeded} is compared with the number of calls
 * (warmup included); {@link BenchMain} reads the check from {@value #CHECK_FILE}.
 */
@State(Scope.Benchmark)
public class CoalescedProgressBenchmarks {

    static final long FLUSH_MILLIS = 100;
    static final String CHECK_FILE = "coalesced-check.txt";

    private Fixture fixture;
    private RunId run;
    private ProgressRecorder recorder;
    private final LongAdder recorded = new LongAdder();

    /** Opens the pool, starts the run and its recorder. */
    @Setup
    public void open() {
        fixture = Fixture.open();
        run = fixture.startRunning("coalesce-tenant", "backup_set.add_policies");
        recorder = ProgressRecorder.builder(fixture.registry, run).flushInterval(Duration.ofMillis(FLUSH_MILLIS)).build();
    }

    /** Flushes the rest, checks the stored count against the calls made, and closes the pool. */
    @TearDown
    public void close() {
        try {
            recorder.close();
            long stored = fixture.registry.get(run).counts().succeeded();
            Path check = fixture.env.outDir().resolve(CHECK_FILE);
            Files.writeString(check, recorded.sum() + " " + stored + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            fixture.close();
        }
    }

    /** One item succeeded. */
    @Benchmark
    public void library() {
        recorder.succeeded(1);
        recorded.increment();
    }
}
