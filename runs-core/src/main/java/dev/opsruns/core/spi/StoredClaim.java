package dev.opsruns.core.spi;

import dev.opsruns.core.Run;
import java.util.Objects;
import java.util.UUID;

/**
 * A run with its claim as stored: the token of the current claim and its attempt.
 *
 * @param run the run
 * @param token the current claim's token, or null when the run was never claimed
 * @param attempt how many claims the run has had (0 when never claimed)
 */
public record StoredClaim(Run run, UUID token, int attempt) {

    /**
     * @param run the run
     * @param token the current claim's token, or null when the run was never claimed
     * @param attempt how many claims the run has had
     * @throws NullPointerException when the run is null
     * @throws IllegalArgumentException when token and attempt disagree
     */
    public StoredClaim {
        Objects.requireNonNull(run, "run");
        if (attempt < 0 || (token == null) != (attempt == 0)) {
            throw new IllegalArgumentException("a claimed run has a token and an attempt of 1 or more, an unclaimed one "
                    + "neither; got attempt " + attempt + (token == null ? " without" : " with") + " a token");
        }
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "StoredClaim[run " + run.id() + " " + run.status().storageName() + ", attempt " + attempt + "]";
    }
}
