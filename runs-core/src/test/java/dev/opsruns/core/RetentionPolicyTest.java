package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RetentionPolicy (DESIGN §11)")
class RetentionPolicyTest {

    @Test
    @DisplayName("defaults are 90 days in batches of 1000")
    void defaults() {
        assertEquals(Duration.ofDays(90), RetentionPolicy.DEFAULT_RETENTION);
        assertEquals(1000, RetentionPolicy.DEFAULT_BATCH_SIZE);
        RetentionPolicy p = new RetentionPolicy(RetentionPolicy.DEFAULT_RETENTION, RetentionPolicy.DEFAULT_BATCH_SIZE);
        assertEquals(Duration.ofDays(90), p.retention());
    }

    @Test
    @DisplayName("accepts the smallest positive retention")
    void smallestRetention() {
        assertEquals(Duration.ofNanos(1), new RetentionPolicy(Duration.ofNanos(1), 1).retention());
    }

    @Test
    @DisplayName("refuses a zero, negative or null retention, naming it")
    void badRetentionRefused() {
        assertRefused("retention", () -> new RetentionPolicy(Duration.ZERO, 1), "positive duration");
        assertRefused("retention", () -> new RetentionPolicy(Duration.ofDays(-1), 1), "positive duration");
        assertRefused("retention", () -> new RetentionPolicy(null, 1), "required");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50_000})
    @DisplayName("accepts batch sizes 1 to 50000")
    void batchAccepted(int size) {
        assertEquals(size, new RetentionPolicy(Duration.ofDays(1), size).batchSize());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 50_001})
    @DisplayName("refuses batch sizes outside 1-50000, naming it")
    void batchRefused(int size) {
        assertRefused("batchSize", () -> new RetentionPolicy(Duration.ofDays(1), size), "must be 1-50000");
    }
}
