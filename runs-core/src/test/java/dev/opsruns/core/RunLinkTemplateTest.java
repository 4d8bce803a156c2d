package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RunLinkTemplate: the \"View run\" URL (DESIGN §10)")
class RunLinkTemplateTest {

    private static final RunId RUN = RunId.parse("0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c");

    @Test
    @DisplayName("the standard template gives /tenants/{tenant}/operations/{runId}")
    void standard() {
        assertEquals("/tenants/{tenant}/operations/{runId}", RunLinkTemplate.DEFAULT_PATTERN);
        assertEquals("/tenants/acme/operations/0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c",
                RunLinkTemplate.standard().viewRunUrl(TenantId.of("acme"), RUN));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            acme-eu_1.x~y   | acme-eu_1.x%7Ey
            a/b             | a%2Fb
            a?x=1&y#z       | a%3Fx%3D1%26y%23z
            100%            | 100%25
            a+b             | a%2Bb
            caf\u00e9       | caf%C3%A9
            {runId}         | %7BrunId%7D
            ..              | ..
            """)
    @DisplayName("URL-encodes the tenant so it stays one path segment")
    void tenantEncoded(String tenant, String encoded) {
        assertEquals("/tenants/" + encoded + "/operations/" + RUN,
                RunLinkTemplate.standard().viewRunUrl(TenantId.of(tenant), RUN));
    }

    @Test
    @DisplayName("a custom pattern replaces every placeholder")
    void customPattern() {
        RunLinkTemplate t = RunLinkTemplate.of("https://ops.example.com/{tenant}/runs/{runId}?back=/{tenant}");
        assertEquals("https://ops.example.com/a%2Fb/runs/" + RUN + "?back=/a%2Fb", t.viewRunUrl(TenantId.of("a/b"), RUN));
    }

    @Test
    @DisplayName("a pattern without both placeholders is refused, saying which are needed")
    void placeholdersRequired() {
        assertRefused("linkTemplate", () -> RunLinkTemplate.of("/tenants/{tenant}"), "{tenant} and {runId}");
        assertRefused("linkTemplate", () -> RunLinkTemplate.of("/runs/{runId}"), "{tenant} and {runId}");
        assertRefused("linkTemplate", () -> RunLinkTemplate.of(""), "{tenant} and {runId}");
        assertRefused("linkTemplate", () -> RunLinkTemplate.of(null), "required");
    }
}
