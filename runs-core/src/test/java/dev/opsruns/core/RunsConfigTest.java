package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RunsConfig")
class RunsConfigTest {

    @Test
    @DisplayName("defaults: UTC clock, standard sanitizer, policy and link template, cap 100, 5 retries")
    void defaults() {
        RunsConfig c = RunsConfig.defaults();
        assertEquals(ZoneOffset.UTC, c.clock().getZone());
        assertSame(FailureSanitizer.standard(), c.sanitizer());
        assertNotNull(c.accessPolicy());
        assertEquals(100, c.itemFailureCap());
        assertEquals(100, RunsConfig.DEFAULT_ITEM_FAILURE_CAP);
        assertEquals(20, c.startRetries());
        assertEquals(20, RunsConfig.DEFAULT_START_RETRIES);
        RunId id = RunId.parse("0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c");
        assertEquals("/tenants/acme/operations/" + id, c.linkTemplate().viewRunUrl(TenantId.of("acme"), id));
        assertSame(RelatedLinkProvider.NONE, c.relatedLinks(RunType.of("drift.generate")));
    }

    @Test
    @DisplayName("keeps what the builder was given")
    void builderValues() {
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        FailureSanitizer sanitizer = raw -> "x";
        RunAccessPolicy policy = RunAccessPolicy.standard();
        RunLinkTemplate links = (t, r) -> "/r/" + r;
        RelatedLinkProvider provider = run -> List.of(new RelatedLink("Drift findings", "/drift"));
        RunsConfig c = RunsConfig.builder().clock(clock).sanitizer(sanitizer).accessPolicy(policy)
                .linkTemplate(links).relatedLinks(RunType.of("drift.generate"), provider)
                .itemFailureCap(7).startRetries(9).build();
        assertSame(clock, c.clock());
        assertSame(sanitizer, c.sanitizer());
        assertSame(policy, c.accessPolicy());
        assertSame(links, c.linkTemplate());
        assertSame(provider, c.relatedLinks(RunType.of("drift.generate")));
        assertSame(RelatedLinkProvider.NONE, c.relatedLinks(RunType.of("backup_set.add_policies")));
        assertEquals(7, c.itemFailureCap());
        assertEquals(9, c.startRetries());
    }

    @Test
    @DisplayName("is immutable: changing the builder after build does not change the config")
    void immutable() {
        RunsConfig.Builder b = RunsConfig.builder().itemFailureCap(3);
        RunsConfig c = b.build();
        b.itemFailureCap(4).relatedLinks(RunType.of("drift.generate"), run -> List.of());
        assertEquals(3, c.itemFailureCap());
        assertSame(RelatedLinkProvider.NONE, c.relatedLinks(RunType.of("drift.generate")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10_000})
    @DisplayName("accepts an item-failure cap of 0 to 10000")
    void capAccepted(int cap) {
        assertEquals(cap, RunsConfig.builder().itemFailureCap(cap).build().itemFailureCap());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_001, Integer.MIN_VALUE})
    @DisplayName("refuses an item-failure cap outside 0-10000, naming it")
    void capRefused(int cap) {
        assertRefused("itemFailureCap", () -> RunsConfig.builder().itemFailureCap(cap).build(), "must be 0-10000");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    @DisplayName("accepts 1 to 100 start retries")
    void retriesAccepted(int retries) {
        assertEquals(retries, RunsConfig.builder().startRetries(retries).build().startRetries());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101})
    @DisplayName("refuses start retries outside 1-100, naming them")
    void retriesRefused(int retries) {
        assertRefused("startRetries", () -> RunsConfig.builder().startRetries(retries).build(), "must be 1-100");
    }
}
