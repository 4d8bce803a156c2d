package dev.opsruns.dbscheduler;

import dev.opsruns.core.InvalidRunInputException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates db-scheduler's table for opsruns, {@value #TABLE}, with the Flyway migration shipped in this
 * jar and its own history table, {@value #HISTORY_TABLE}, beside the host's migrations and opsruns'
 * own. PostgreSQL only.
 */
public final class DbSchedulerMigrations {

    /** The table db-scheduler keeps opsruns' executions in. */
    public static final String TABLE = "opsruns_scheduled_tasks";
    /** The Flyway history table of this module's migrations. */
    public static final String HISTORY_TABLE = "opsruns_dbscheduler_history";
    /** The Flyway location of this module's migrations. */
    public static final String LOCATION = "classpath:dev/opsruns/dbscheduler/migration";

    private DbSchedulerMigrations() {
    }

    /**
     * Creates or upgrades {@value #TABLE}. Safe to call from several instances at once.
     *
     * @param dataSource a PostgreSQL database
     * @return how many migrations this call applied
     * @throws InvalidRunInputException when the data source is null or not PostgreSQL
     * @throws IllegalStateException when the database cannot be reached or a migration fails
     */
    public static int migrate(DataSource dataSource) {
        requirePostgres(dataSource);
        try {
            return Flyway.configure(DbSchedulerMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new IllegalStateException("could not migrate " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param dataSource a database
     * @throws InvalidRunInputException when it is null or not PostgreSQL (db-scheduler dispatch is
     *     tested and supported on PostgreSQL only; H2 hosts use an in-process dispatcher)
     * @throws IllegalStateException when the database cannot be reached
     */
    static void requirePostgres(DataSource dataSource) {
        if (dataSource == null) {
            throw new InvalidRunInputException("dataSource", "is required but was null");
        }
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach the database to check its vendor: " + e.getMessage(), e);
        }
        if (!"PostgreSQL".equalsIgnoreCase(product)) {
            throw new InvalidRunInputException("dataSource", "db-scheduler dispatch runs on PostgreSQL only, but this "
                    + "database is " + product + "; use an in-process dispatcher there");
        }
    }
}
