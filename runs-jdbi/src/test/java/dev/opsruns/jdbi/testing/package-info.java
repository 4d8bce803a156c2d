/**
 * Test fixtures of runs-jdbi: JUnit 5 extensions giving each test a migrated database (H2 in memory,
 * H2 file, PostgreSQL) with clean state on demand and non-UTC session time zones.
 */
package dev.opsruns.jdbi.testing;
