package dev.opsruns.jdbi;

import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DESIGN §5 in SQL, on H2. */
class H2BucketSqlTest extends BucketSqlTestBase {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inMemory();

    @Override
    TestDatabase db() {
        return DB;
    }
}
