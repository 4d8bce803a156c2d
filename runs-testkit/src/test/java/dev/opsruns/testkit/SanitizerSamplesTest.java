package dev.opsruns.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.FailureSanitizer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@DisplayName("SanitizerSamples")
class SanitizerSamplesTest {

    private static final FailureSanitizer HOST = FailureSanitizer.builder().secretNames("enrolment_code").build();

    @Test
    @DisplayName("passes a host sanitizer that handles its samples, and reports recall and precision")
    void passes() {
        SanitizerSamples.Report report = SanitizerSamples.of(HOST)
                .secret("enrolment failed: EnrolmentCode: 448812", "448812")
                .kept("Graph 404 for request-id 3fa85f64-5717-4562-b3fc-2c963f66afa6")
                .fromResource(SanitizerSamplesTest.class, "/sanitizer-samples.tsv")
                .assertAll();
        assertEquals(3, report.secretSamples());
        assertEquals(3, report.keptSamples());
        assertEquals("recall 3/3 secret samples removed (100.0%), precision 3/3 kept samples intact (100.0%)",
                report.summary());
    }

    @Test
    @DisplayName("fails listing every leaked secret and every changed message")
    void fails() {
        SanitizerSamples samples = SanitizerSamples.of(FailureSanitizer.standard())
                .secret("enrolment failed: enrolment_code=448812", "448812")
                .kept("Device DESKTOP-4F2K9Q1 is not compliant");
        SanitizerSamples.Report report = samples.check();
        assertFalse(report.passed());
        assertEquals(1, report.failures().size());
        assertTrue(report.failures().get(0).contains("leaked \"448812\""), report.failures().get(0));
        AssertionFailedError error = assertThrows(AssertionFailedError.class, samples::assertAll);
        assertTrue(error.getMessage().contains("recall 0/1"), error.getMessage());
    }

    @Test
    @DisplayName("fails a sanitizer that throws or returns too much")
    void contract() {
        SanitizerSamples.Report report = SanitizerSamples.of(raw -> {
            throw new IllegalStateException("boom");
        }).kept("x").check();
        assertTrue(report.failures().get(0).contains("threw"), report.failures().get(0));
        report = SanitizerSamples.of(raw -> "y".repeat(501)).kept("x", "x").check();
        assertTrue(report.failures().get(0).contains("501 characters"), report.failures().get(0));
    }

    @Test
    @DisplayName("rejects samples that could pass vacuously")
    void rejectsVacuousSamples() {
        SanitizerSamples samples = SanitizerSamples.of(HOST);
        assertThrows(IllegalArgumentException.class, () -> samples.secret("no secret here"));
        assertThrows(IllegalArgumentException.class, () -> samples.secret("token=abc", "abd"));
        assertThrows(IllegalArgumentException.class, () -> samples.kept("abc", "abd"));
        assertThrows(IllegalArgumentException.class, () -> samples.kept(null));
        assertThrows(IllegalArgumentException.class, () -> samples.fromResource(SanitizerSamplesTest.class, "/missing.tsv"));
        assertThrows(AssertionFailedError.class, samples::assertAll);
    }
}
