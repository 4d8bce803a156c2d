package dev.opsruns.bench;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@link BenchMain} tells the forked benchmark JVMs, as system properties: which database, where
 * to write side results, and the reference time the seeded data was generated around.
 *
 * @param database the database under test
 * @param url its JDBC URL
 * @param user its user
 * @param outDir where benchmarks write what the main JVM reads back (the coalesced-progress check)
 * @param seededAt the reference "now" of the seeded monitoring data; list and count filters end here
 */
public record BenchEnv(Database database, String url, String user, Path outDir, Instant seededAt) {

    static final String DB = "opsruns.bench.db";
    static final String URL = "opsruns.bench.url";
    static final String USER = "opsruns.bench.user";
    static final String OUT = "opsruns.bench.out";
    static final String SEEDED_AT = "opsruns.bench.seededAt";

    /**
     * @return the settings of this (forked) JVM
     * @throws IllegalStateException when the JVM was not started by {@link BenchMain}
     */
    public static BenchEnv fromSystemProperties() {
        String db = System.getProperty(DB);
        if (db == null) {
            throw new IllegalStateException("benchmarks run through dev.opsruns.bench.BenchMain (runs-bench/run.sh), "
                    + "which sets -D" + DB + " and friends; it was not set");
        }
        return new BenchEnv(Database.valueOf(db), System.getProperty(URL), System.getProperty(USER, ""),
                Path.of(System.getProperty(OUT)), Instant.ofEpochMilli(Long.parseLong(System.getProperty(SEEDED_AT))));
    }

    /** @return the JVM arguments that hand these settings to a fork */
    String[] asJvmArgs() {
        return new String[] {
            "-D" + DB + "=" + database.name(),
            "-D" + URL + "=" + url,
            "-D" + USER + "=" + user,
            "-D" + OUT + "=" + outDir.toAbsolutePath(),
            "-D" + SEEDED_AT + "=" + seededAt.toEpochMilli(),
        };
    }
}
