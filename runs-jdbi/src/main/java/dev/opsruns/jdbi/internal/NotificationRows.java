package dev.opsruns.jdbi.internal;

import dev.opsruns.core.Notification;
import dev.opsruns.core.NotificationKind;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunType;
import dev.opsruns.core.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@link Sql#NOTIFICATION_COLUMNS} to a {@link Notification}. */
final class NotificationRows implements RowMapper<Notification> {

    /** The one instance; it holds no state. */
    static final NotificationRows INSTANCE = new NotificationRows();

    private NotificationRows() {
    }

    @Override
    public Notification map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Notification(
                Binds.uuid(rs, "id"),
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("user_id"),
                new RunId(Binds.uuid(rs, "run_id")),
                RunType.of(rs.getString("run_type")),
                NotificationKind.parse(rs.getString("kind")),
                rs.getString("title"),
                rs.getString("body"),
                rs.getString("action_label"),
                rs.getString("action_url"),
                Binds.instant(rs, "created_at"),
                Binds.instant(rs, "read_at"));
    }
}
