package dev.opsruns.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A run row as a hand-written store would read it: every column into a Java value, the context left
 * as JSON text (the library also parses and validates it; that is part of what it costs).
 */
record RawRun(UUID id, String tenantId, String runType, String status, String idempotencyKey, String initiatorKind,
        String initiatorId, String initiatorName, String context, long total, long succeeded, long failed,
        long skipped, long failuresRecorded, long failuresStored, String failureReason, String failureMessage,
        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime heartbeatAt) {

    /** Reads the current row of a result over {@link BaselineSql#RUN_COLUMNS}, by position. */
    static RawRun read(ResultSet rs) throws SQLException {
        return new RawRun(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10),
                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getString(16),
                rs.getString(17), rs.getObject(18, OffsetDateTime.class), rs.getObject(19, OffsetDateTime.class),
                rs.getObject(20, OffsetDateTime.class), rs.getObject(21, OffsetDateTime.class));
    }
}
