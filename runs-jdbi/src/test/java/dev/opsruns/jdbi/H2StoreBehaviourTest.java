package dev.opsruns.jdbi;

import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Round trips and atomicity, on H2. */
class H2StoreBehaviourTest extends StoreBehaviourTestBase {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inMemory();

    @Override
    TestDatabase db() {
        return DB;
    }
}
