package dev.opsruns.jdbi;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunStoreException;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.jdbi.internal.StoreErrors;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the opsruns tables ({@code opsruns_runs}, {@code opsruns_item_failures},
 * {@code opsruns_notifications}) with the Flyway migrations shipped in this jar, one set per
 * {@link DatabaseVendor}.
 *
 * <p>The migrations keep their own history table, {@value #HISTORY_TABLE}, so they live beside the
 * host's own migrations in the same schema. Either call {@link #migrate(DataSource)} at startup, or
 * run a second Flyway of your own with the same settings:
 * <pre>{@code
 * Flyway.configure()
 *     .dataSource(dataSource)
 *     .locations(OpsRunsMigrations.locationFor(dataSource))
 *     .table(OpsRunsMigrations.HISTORY_TABLE)
 *     .baselineOnMigrate(true).baselineVersion("0")
 *     .load().migrate();
 * }</pre>
 * Do not add the location to the Flyway that runs your own migrations: its versions would collide
 * with yours.
 */
public final class OpsRunsMigrations {

    /** The Flyway history table of the opsruns migrations. */
    public static final String HISTORY_TABLE = "opsruns_schema_history";
    /** The Flyway location of the H2 migrations. */
    public static final String H2_LOCATION = "classpath:dev/opsruns/jdbi/migration/h2";
    /** The Flyway location of the PostgreSQL migrations. */
    public static final String POSTGRESQL_LOCATION = "classpath:dev/opsruns/jdbi/migration/postgresql";

    private static final Logger LOG = LoggerFactory.getLogger(OpsRunsMigrations.class);

    private OpsRunsMigrations() {
    }

    /**
     * @param vendor a database vendor
     * @return the Flyway location of its migrations
     * @throws InvalidRunInputException when the vendor is null
     */
    public static String location(DatabaseVendor vendor) {
        if (vendor == null) {
            throw new InvalidRunInputException("vendor", "is required but was null");
        }
        return switch (vendor) {
            case H2 -> H2_LOCATION;
            case POSTGRESQL -> POSTGRESQL_LOCATION;
        };
    }

    /**
     * @param dataSource the database the migrations are for
     * @return the Flyway location of the migrations for its vendor
     * @throws InvalidRunInputException when the data source is null or neither H2 nor PostgreSQL
     * @throws RunStoreUnavailableException when the database cannot be reached
     */
    public static String locationFor(DataSource dataSource) {
        return location(detect(dataSource));
    }

    /**
     * Detects the vendor of a database from its {@link java.sql.DatabaseMetaData}.
     *
     * @param dataSource the database
     * @return its vendor
     * @throws InvalidRunInputException when the data source is null or neither H2 nor PostgreSQL
     * @throws RunStoreUnavailableException when the database cannot be reached
     * @throws RunStoreException when reading the metadata fails otherwise
     */
    public static DatabaseVendor detect(DataSource dataSource) {
        if (dataSource == null) {
            throw new InvalidRunInputException("dataSource", "is required but was null");
        }
        try (Connection c = dataSource.getConnection()) {
            return DatabaseVendor.fromProductName(c.getMetaData().getDatabaseProductName());
        } catch (SQLException | RuntimeException e) {
            throw StoreErrors.translate("detect the database vendor", e);
        }
    }

    /**
     * Brings the opsruns tables up to date: creates them on a fresh database, applies newer
     * migrations on an older one, does nothing when current. Safe to call from several instances at
     * once (Flyway serializes them with a database lock).
     *
     * @param dataSource the database
     * @return how many migrations this call applied
     * @throws InvalidRunInputException when the data source is null or neither H2 nor PostgreSQL
     * @throws RunStoreUnavailableException when the database cannot be reached
     * @throws RunStoreException when a migration fails (nothing of that migration is kept)
     */
    public static int migrate(DataSource dataSource) {
        DatabaseVendor vendor = detect(dataSource);
        try {
            MigrateResult result = Flyway.configure(OpsRunsMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(location(vendor))
                    .table(HISTORY_TABLE)
                    // the host's own tables may already be in the schema: start our history at 0
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            LOG.info("opsruns schema on {}: {} migration(s) applied, now at version {}", vendor,
                    result.migrationsExecuted, result.targetSchemaVersion);
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw StoreErrors.translate("migrate the opsruns schema", e);
        }
    }
}
