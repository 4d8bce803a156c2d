package dev.opsruns.spring;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.jdbi.DatabaseVendor;
import dev.opsruns.jdbi.OpsRunsMigrations;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The opsruns tables of the application's database, made ready at start-up: the vendor checked
 * against {@code opsruns.database} and, unless {@code opsruns.migrate=false}, opsruns' Flyway
 * migrations applied with their own history table ({@value OpsRunsMigrations#HISTORY_TABLE}). The
 * auto-configuration creates it after the application's own Flyway or Liquibase migrations, and the
 * ledger after it.
 */
public final class OpsRunsSchema {

    private final DatabaseVendor vendor;
    private final int migrationsApplied;

    private OpsRunsSchema(DatabaseVendor vendor, int migrationsApplied) {
        this.vendor = vendor;
        this.migrationsApplied = migrationsApplied;
    }

    /**
     * Checks the database and migrates it as the properties say.
     *
     * @param dataSource the application's database
     * @param properties the settings
     * @return the prepared schema
     * @throws InvalidOpsRunsPropertyException when the database is neither H2 nor PostgreSQL, or not the
     *     one {@code opsruns.database} names
     * @throws dev.opsruns.core.RunStoreUnavailableException when the database cannot be reached
     */
    public static OpsRunsSchema prepare(DataSource dataSource, OpsRunsProperties properties) {
        Optional<DatabaseVendor> configured = properties.vendor();
        if (!properties.migrate() && configured.isPresent()) {
            // the operator named the database and migrates elsewhere: start without touching it
            return new OpsRunsSchema(configured.get(), 0);
        }
        DatabaseVendor detected;
        try {
            detected = OpsRunsMigrations.detect(dataSource);
        } catch (InvalidRunInputException e) {
            InvalidOpsRunsPropertyException x = new InvalidOpsRunsPropertyException("opsruns.database",
                    "must be " + OpsRunsProperties.DATABASES + " and match the DataSource, but the DataSource "
                            + reasonOf(e));
            x.initCause(e);
            throw x;
        }
        if (configured.isPresent() && configured.get() != detected) {
            throw new InvalidOpsRunsPropertyException("opsruns.database", "must be " + OpsRunsProperties.DATABASES
                    + " and match the DataSource, but was '" + properties.database() + "' and the DataSource is "
                    + detected.name().toLowerCase(Locale.ROOT));
        }
        int applied = properties.migrate() ? OpsRunsMigrations.migrate(dataSource) : 0;
        return new OpsRunsSchema(detected, applied);
    }

    private static String reasonOf(InvalidRunInputException e) {
        // "...must be an H2 or PostgreSQL database, but is MySQL" -> "is MySQL; opsruns supports H2 and PostgreSQL"
        String message = e.getMessage();
        int at = message.lastIndexOf(", but is ");
        return (at < 0 ? "is not supported" : message.substring(at + 6)) + "; opsruns supports H2 and PostgreSQL";
    }

    /** @return the database's vendor */
    public DatabaseVendor vendor() {
        return vendor;
    }

    /** @return how many migrations start-up applied (0 when current or not migrating) */
    public int migrationsApplied() {
        return migrationsApplied;
    }
}
