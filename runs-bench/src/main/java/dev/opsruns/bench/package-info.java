/**
 * JMH benchmarks of the opsruns JDBI store against raw-JDBC baselines, and {@link dev.opsruns.bench.BenchMain},
 * which prepares the databases, runs every benchmark at its thread counts and prints one table.
 *
 * <p>Every library figure has a baseline measured in the same run, through the same HikariCP pool and
 * the same schema: the plain SQL a hand-written implementation would issue. Nothing here is API: the
 * module is a tool, run with {@code runs-bench/run.sh [h2|postgres|all]}.
 */
package dev.opsruns.bench;
