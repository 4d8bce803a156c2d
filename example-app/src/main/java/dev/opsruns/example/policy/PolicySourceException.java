package dev.opsruns.example.policy;

import dev.opsruns.core.ReasonCode;
import java.time.Duration;
import java.util.Objects;

/**
 * A policy source call failed. The message is the source's raw error text and may hold credentials:
 * hand it only to the run ledger (which sanitizes it), never to a response, log line or notification.
 */
public final class PolicySourceException extends Exception {

    private final ReasonCode reasonCode;
    private final Duration retryAfter;

    /**
     * @param reasonCode the stable reason ({@code graph.not_found}, {@code graph.forbidden}, {@code graph.throttled})
     * @param rawMessage the source's raw error text
     * @param retryAfter how long the source asked to wait before a retry, or null when retrying cannot help
     */
    public PolicySourceException(ReasonCode reasonCode, String rawMessage, Duration retryAfter) {
        super(rawMessage, null, false, false);
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
        this.retryAfter = retryAfter;
    }

    /** @return the stable reason */
    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** @return true when the source asked to retry later (throttling) */
    public boolean retryable() {
        return retryAfter != null;
    }

    /** @return the wait the source asked for, or null when not retryable */
    public Duration retryAfter() {
        return retryAfter;
    }
}
