package dev.opsruns.example.db;

import dev.opsruns.jdbi.DatabaseVendor;
import dev.opsruns.jdbi.OpsRunsMigrations;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Runs the app's own Flyway migrations (its domain tables) from {@code db/app/{h2,postgresql}}. They
 * keep their history in Flyway's default table ({@code flyway_schema_history}); opsruns' migrations
 * keep theirs in {@value OpsRunsMigrations#HISTORY_TABLE}, so both sets live side by side in one schema.
 */
public final class AppMigrations {

    private AppMigrations() {
    }

    /**
     * @param dataSource the app's database (H2 or PostgreSQL)
     * @return how many migrations were applied now
     */
    public static int migrate(DataSource dataSource) {
        DatabaseVendor vendor = OpsRunsMigrations.detect(dataSource);
        String folder = switch (vendor) {
            case H2 -> "h2";
            case POSTGRESQL -> "postgresql";
        };
        return Flyway.configure(AppMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/app/" + folder)
                // The schema may already hold opsruns' tables: baseline below V1 so Flyway accepts the
                // non-empty schema and still applies V1.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
