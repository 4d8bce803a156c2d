package dev.opsruns.jdbi;

import dev.opsruns.jdbi.testing.PostgresExtension;
import dev.opsruns.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DESIGN §5 in SQL, on PostgreSQL. */
class PostgresBucketSqlTest extends BucketSqlTestBase {

    @RegisterExtension
    static final PostgresExtension DB = new PostgresExtension();

    @Override
    TestDatabase db() {
        return DB;
    }
}
