package dev.opsruns.jdbi;

import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Round trips and atomicity, on PostgreSQL. */
class PostgresStoreBehaviourTest extends StoreBehaviourTestBase {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    TestDatabase db() {
        return DB;
    }
}
