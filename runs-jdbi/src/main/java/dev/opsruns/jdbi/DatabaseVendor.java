package dev.opsruns.jdbi;

import dev.opsruns.core.InvalidRunInputException;
import java.util.Locale;

/** The databases runs-jdbi supports, each with its own migrations and SQL dialect. */
public enum DatabaseVendor {
    /**
     * H2 2.x, embedded (in-memory or file): the default for demos and tests. An H2 file database
     * never forces a commit to disk (it writes about every 500 ms), so a crash can lose the last
     * commits: fine for demos and tests, not for production.
     */
    H2("h2"),
    /** PostgreSQL 12 or later (stored generated columns): the production database. */
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    DatabaseVendor(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** @return the folder under {@code dev/opsruns/jdbi/migration/} holding this vendor's migrations */
    String migrationFolder() {
        return migrationFolder;
    }

    /**
     * @param productName {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
     * @return the vendor
     * @throws InvalidRunInputException when the product is neither H2 nor PostgreSQL
     */
    public static DatabaseVendor fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return H2;
        }
        if (name.equals("postgresql")) {
            return POSTGRESQL;
        }
        throw new InvalidRunInputException("dataSource",
                "must be an H2 or PostgreSQL database, but is " + (productName == null ? "unknown" : productName));
    }
}
