package org.example.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The build really runs on the JUnit this host declares, not on one runs-testkit brought along. */
class JupiterVersionTest {

    @Test
    void jupiter_on_the_test_classpath_is_the_hosts() {
        assertEquals(System.getProperty("expected.junit.version"),
                Test.class.getPackage().getImplementationVersion());
    }
}
