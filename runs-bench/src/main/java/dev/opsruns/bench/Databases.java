package dev.opsruns.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Makes each database empty at the start of a run, so every run measures the same thing, and
 * describes the server for the report.
 */
final class Databases {

    /** The PostgreSQL server; override with {@code -Dopsruns.bench.pgHost=host:port}. */
    static final String PG_HOST = System.getProperty("opsruns.bench.pgHost", "127.0.0.1:5432");
    /** The PostgreSQL database, created when missing; override with {@code -Dopsruns.bench.pgDatabase=name}. */
    static final String PG_DATABASE = System.getProperty("opsruns.bench.pgDatabase", "opsruns_bench");
    static final String PG_USER = System.getProperty("opsruns.bench.pgUser", "postgres");

    private Databases() {
    }

    /**
     * Creates the database if needed and removes every opsruns table (PostgreSQL), or deletes the
     * database files (H2).
     *
     * @param database which
     * @param targetDir runs-bench/target
     * @return the JDBC URL and user of the now empty database
     */
    static String[] reset(Database database, Path targetDir) throws SQLException, IOException {
        return switch (database) {
            case POSTGRES -> {
                String admin = "jdbc:postgresql://" + PG_HOST + "/postgres";
                try (Connection c = DriverManager.getConnection(admin, PG_USER, "");
                        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, PG_DATABASE);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            try (Statement s = c.createStatement()) {
                                s.execute("CREATE DATABASE " + PG_DATABASE);
                            }
                        }
                    }
                }
                String url = "jdbc:postgresql://" + PG_HOST + "/" + PG_DATABASE;
                try (Connection c = DriverManager.getConnection(url, PG_USER, ""); Statement s = c.createStatement()) {
                    // every table a migration made, whichever migrations the last run had
                    s.execute("DO $$DECLARE t TEXT; BEGIN FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                            + " AND tablename LIKE 'opsruns\\_%' LOOP EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(t)"
                            + " || ' CASCADE'; END LOOP; END$$");
                }
                yield new String[] {url, PG_USER};
            }
            case H2 -> {
                Path dir = targetDir.resolve("h2").toAbsolutePath();
                if (Files.exists(dir)) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(dir);
                // LOCK_TIMEOUT: 16 threads queue on one hot row; H2's default of 1 s would fail them
                yield new String[] {"jdbc:h2:file:" + dir.resolve(PG_DATABASE) + ";LOCK_TIMEOUT=30000", "sa"};
            }
        };
    }

    /** @return the server's version and the settings that decide write cost */
    static Map<String, String> describe(Database database, DataSource ds) throws SQLException {
        Map<String, String> info = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            switch (database) {
                case POSTGRES -> {
                    info.put("version", scalar(s, "SELECT version()").replaceAll(" on .*", ""));
                    for (String setting : List.of("fsync", "synchronous_commit", "wal_sync_method", "full_page_writes",
                            "commit_delay", "shared_buffers", "work_mem", "max_wal_size", "jit")) {
                        info.put(setting, scalar(s, "SHOW " + setting));
                    }
                }
                case H2 -> {
                    info.put("version", "H2 " + scalar(s, "SELECT H2VERSION()"));
                    info.put("storage", "file database (MVStore); a commit is not forced to disk");
                }
            }
        }
        return info;
    }

    /** @return the size of the runs table with its indexes, for the notes */
    static String runsTableSize(Database database, DataSource ds) throws SQLException {
        if (database != Database.POSTGRES) {
            return "";
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            return scalar(s, "SELECT pg_size_pretty(pg_total_relation_size('opsruns_runs'))");
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
