package dev.opsruns.jdbi;

import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile caller strings, on PostgreSQL. */
class PostgresSqlInjectionTest extends SqlInjectionTestBase {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    TestDatabase db() {
        return DB;
    }
}
