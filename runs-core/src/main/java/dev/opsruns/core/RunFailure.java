package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;

/**
 * Why a run as a whole failed or was aborted: a stable reason code and a sanitized message.
 *
 * @param reasonCode the stable reason
 * @param message the sanitized message (never raw text: stores sanitize before they keep it)
 */
public record RunFailure(ReasonCode reasonCode, String message) {
    /**
     * @param reasonCode the stable reason
     * @param message the sanitized message (never raw text: stores sanitize before they keep it)
     * @throws InvalidRunInputException when a part is null
     */
    public RunFailure {
        Checks.notNull(reasonCode, "reasonCode");
        Checks.notNull(message, "message");
    }
}
