package dev.opsruns.jdbi;

import dev.opsruns.jdbi.testing.H2Extension;
import dev.opsruns.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hostile caller strings, on H2. */
class H2SqlInjectionTest extends SqlInjectionTestBase {

    @RegisterExtension
    static final H2Extension DB = H2Extension.inMemory();

    @Override
    TestDatabase db() {
        return DB;
    }
}
