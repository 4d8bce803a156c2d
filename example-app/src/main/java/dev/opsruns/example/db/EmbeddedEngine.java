package dev.opsruns.example.db;

import java.util.Locale;

/**
 * The database the app runs on when no {@code OPSRUNS_DB_URL} is given, both kept under the data folder.
 * README's durability section has what each promises, measured.
 */
public enum EmbeddedEngine {
    /**
     * PostgreSQL 14 from Maven Central binaries, started by the app in {@code <data>/postgres} with
     * {@code fsync} and {@code synchronous_commit} on: an acknowledged commit survives a crash of the
     * app, of the database and of the machine. The default.
     */
    POSTGRESQL,
    /**
     * An H2 file database in {@code <data>/opsruns-demo.mv.db}: starts in a second without extra
     * processes, but never forces a commit to disk.
     */
    H2;

    /**
     * @param text {@code postgresql} or {@code h2}, in any case
     * @return the engine
     * @throws IllegalArgumentException naming what is accepted
     */
    public static EmbeddedEngine parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres" -> POSTGRESQL;
            case "h2" -> H2;
            default -> throw new IllegalArgumentException("must be postgresql or h2, but was '" + text + "'");
        };
    }
}
