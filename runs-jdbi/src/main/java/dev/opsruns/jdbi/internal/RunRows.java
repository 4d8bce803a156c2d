package dev.opsruns.jdbi.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.Initiator;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link Sql#RUN_COLUMNS} to a {@link Run}. */
final class RunRows implements RowMapper<Run> {

    /** The one instance; it holds no state. */
    static final RunRows INSTANCE = new RunRows();

    /** {@code initiator_kind} of a user start. */
    static final String USER = "user";
    /** {@code initiator_kind} of a system start. */
    static final String SYSTEM = "system";

    private RunRows() {
    }

    @Override
    public Run map(ResultSet rs, StatementContext ctx) throws SQLException {
        return read(rs);
    }

    /** @return the run in the current row */
    static Run read(ResultSet rs) throws SQLException {
        return read(rs, null);
    }

    /**
     * @param expectedContext the context the row likely holds, taken without parsing when its text
     *     shows it does; null to parse it
     * @return the run in the current row
     */
    static Run read(ResultSet rs, RunContext expectedContext) throws SQLException {
        String kind = rs.getString("initiator_kind");
        Initiator initiator = USER.equals(kind)
                ? new Initiator.User(rs.getString("initiator_id"), rs.getString("initiator_name"))
                : new Initiator.System(rs.getString("initiator_id"));
        String reason = rs.getString("failure_reason");
        RunFailure failure = reason == null ? null
                : new RunFailure(ReasonCode.of(reason), nullToEmpty(rs.getString("failure_message")));
        return new Run(
                new RunId(Binds.uuid(rs, "id")),
                TenantId.of(rs.getString("tenant_id")),
                RunType.of(rs.getString("run_type")),
                RunStatus.parse(rs.getString("status")),
                new IdempotencyKey(rs.getString("idempotency_key")),
                initiator,
                expectedContext == null ? ContextJson.read(rs.getString("context"))
                        : ContextJson.read(rs.getString("context"), expectedContext),
                new RunCounts(rs.getLong("total"), rs.getLong("succeeded"), rs.getLong("failed"), rs.getLong("skipped")),
                failure,
                Binds.instant(rs, "created_at"),
                Binds.instant(rs, "started_at"),
                Binds.instant(rs, "finished_at"),
                Binds.instant(rs, "heartbeat_at"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
