package dev.opsruns.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns an {@link InvalidOpsRunsPropertyException} anywhere in a start-up failure into Boot's
 * one-paragraph report: the property, what it accepts, and what to change. Ordered first, so it
 * speaks before Boot's generic binding report.
 */
public final class OpsRunsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidOpsRunsPropertyException>
        implements Ordered {

    /** Called by Boot through {@code META-INF/spring.factories}. */
    public OpsRunsFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidOpsRunsPropertyException cause) {
        return new FailureAnalysis("Invalid opsruns configuration: " + cause.getMessage() + ".",
                "Change " + cause.property() + " in the application's configuration.", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
