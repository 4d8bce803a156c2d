package dev.opsruns.example.auth;

/** The request does not say who is calling, or says it in a way that is not accepted (HTTP 401). */
public final class AuthenticationRequiredException extends RuntimeException {

    /**
     * @param message what was missing and what is accepted
     */
    public AuthenticationRequiredException(String message) {
        super(message, null, false, false);
    }
}
