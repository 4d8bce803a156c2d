package dev.opsruns.jdbi.internal;

import dev.opsruns.core.IdempotencyKey;
import dev.opsruns.core.Initiator;
import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunCounts;
import dev.opsruns.core.RunFailure;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunStatus;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a row of {@link Sql#RUN_COLUMNS} to a {@link Run}: every query it reads selects those columns
 * first, in that order ({@link Sql#CLAIM_COLUMNS} appends the claim after them).
 */
final class RunRows implements RowMapper<Run> {

    /** The one instance; it holds no state. */
    static final RunRows INSTANCE = new RunRows();

    /** {@code initiator_kind} of a user start. */
    static final String USER = "user";
    /** {@code initiator_kind} of a system start. */
    static final String SYSTEM = "system";

    // 1-based positions in Sql.CLAIM_COLUMNS, which starts with Sql.RUN_COLUMNS
    private static final int ID = position("id");
    private static final int TENANT_ID = position("tenant_id");
    private static final int RUN_TYPE = position("run_type");
    private static final int STATUS = position("status");
    private static final int IDEMPOTENCY_KEY = position("idempotency_key");
    private static final int INITIATOR_KIND = position("initiator_kind");
    private static final int INITIATOR_ID = position("initiator_id");
    private static final int INITIATOR_NAME = position("initiator_name");
    private static final int CONTEXT = position("context");
    private static final int TOTAL = position("total");
    private static final int SUCCEEDED = position("succeeded");
    private static final int FAILED = position("failed");
    private static final int SKIPPED = position("skipped");
    private static final int FAILURE_REASON = position("failure_reason");
    private static final int FAILURE_MESSAGE = position("failure_message");
    private static final int CREATED_AT = position("created_at");
    private static final int STARTED_AT = position("started_at");
    private static final int FINISHED_AT = position("finished_at");
    private static final int HEARTBEAT_AT = position("heartbeat_at");
    /** Where {@link Sql#CLAIM_COLUMNS} has the claim token. */
    static final int CLAIM_TOKEN = position("claim_token");
    /** Where {@link Sql#CLAIM_COLUMNS} has the attempt. */
    static final int ATTEMPT = position("attempt");

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
     * Reads a row that likely shares values with {@code candidate} (the active run found for a start
     * holds the request's values; a page's runs share their tenant and often their type): its tenant,
     * type, key, initiator and context are taken from the candidate, already checked, wherever the
     * stored values are equal, instead of being parsed and checked again.
     *
     * @param candidate the run the caller was about to insert or the previous row, or null to read every value
     * @return the run in the current row
     */
    static Run read(ResultSet rs, Run candidate) throws SQLException {
        String tenant = rs.getString(TENANT_ID);
        String type = rs.getString(RUN_TYPE);
        String key = rs.getString(IDEMPOTENCY_KEY);
        String reason = rs.getString(FAILURE_REASON);
        RunFailure failure = reason == null ? null
                : new RunFailure(ReasonCode.of(reason), nullToEmpty(rs.getString(FAILURE_MESSAGE)));
        String context = rs.getString(CONTEXT);
        boolean known = candidate != null;
        return new Run(
                new RunId(rs.getObject(ID, UUID.class)),
                known && candidate.tenantId().value().equals(tenant) ? candidate.tenantId() : TenantId.of(tenant),
                known && candidate.runType().value().equals(type) ? candidate.runType() : RunType.of(type),
                RunStatus.parse(rs.getString(STATUS)),
                known && candidate.idempotencyKey().value().equals(key) ? candidate.idempotencyKey() : new IdempotencyKey(key),
                initiator(rs, known ? candidate.initiator() : null),
                known ? ContextJson.read(context, candidate.context()) : ContextJson.read(context),
                new RunCounts(rs.getLong(TOTAL), rs.getLong(SUCCEEDED), rs.getLong(FAILED), rs.getLong(SKIPPED)),
                failure,
                Binds.instant(rs, CREATED_AT),
                Binds.instant(rs, STARTED_AT),
                Binds.instant(rs, FINISHED_AT),
                Binds.instant(rs, HEARTBEAT_AT));
    }

    private static Initiator initiator(ResultSet rs, Initiator likely) throws SQLException {
        boolean user = USER.equals(rs.getString(INITIATOR_KIND));
        String id = rs.getString(INITIATOR_ID);
        String name = rs.getString(INITIATOR_NAME);
        if (likely != null && likely instanceof Initiator.User == user && likely.id().equals(id)
                && likely.displayName().equals(name)) {
            return likely;
        }
        return user ? new Initiator.User(id, name) : new Initiator.System(id);
    }

    private static int position(String column) {
        int at = Arrays.asList(Sql.CLAIM_COLUMNS.split(",\\s*")).indexOf(column);
        if (at < 0) {
            throw new IllegalStateException("no column " + column + " in " + Sql.CLAIM_COLUMNS);
        }
        return at + 1;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
