package dev.opsruns.bench;

import dev.opsruns.core.ProgressDelta;
import dev.opsruns.core.RunId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Uncoalesced progress on one hot run: every thread adds one success to the same running run, one
 * commit each. The baseline is {@code UPDATE opsruns_runs SET succeeded = succeeded + 1 WHERE id = ?}
 * in auto-commit; the library's statement also refreshes the heartbeat and checks the run is running.
 */
@State(Scope.Benchmark)
public class HotProgressBenchmarks {

    private static final ProgressDelta ONE = ProgressDelta.succeeded(1);

    private Fixture fixture;
    private RunId hotRun;

    /** Opens the pool and starts the hot run. */
    @Setup
    public void open() {
        fixture = Fixture.open();
        hotRun = fixture.startRunning("hot-tenant", "inventory.sync");
    }

    /** Closes the pool. */
    @TearDown
    public void close() {
        fixture.close();
    }

    /** One success through {@code recordProgress}. */
    @Benchmark
    public void library() {
        fixture.registry.recordProgress(hotRun, ONE);
    }

    /**
     * @return rows updated
     * @throws SQLException when the update fails
     */
    @Benchmark
    public int baseline() throws SQLException {
        try (Connection c = fixture.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(BaselineSql.INCREMENT_SUCCEEDED)) {
            ps.setObject(1, hotRun.value());
            return ps.executeUpdate();
        }
    }
}
