package dev.opsruns.bench;

import java.util.Locale;

/** The databases the benchmarks run on. */
public enum Database {
    /** An H2 file database under {@code runs-bench/target/h2}. It never forces a commit to disk. */
    H2,
    /** PostgreSQL on 127.0.0.1:5432, database {@code opsruns_bench}. */
    POSTGRES;

    /** @return the name used on the command line and in file names */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
