package dev.opsruns.example.web;

/**
 * A request the web layer refuses before anything is written: a malformed parameter or body, an
 * unsupported content type, a body too large, an unknown route. The message is safe to show.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    /**
     * @param status the HTTP status
     * @param error the stable error code
     * @param field the field at fault, or null
     * @param message what was wrong and what is accepted
     */
    public ApiException(int status, String error, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    /**
     * @param field the parameter or field at fault
     * @param message what was wrong and what is accepted
     * @return a 400 refusal
     */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_request", field, message);
    }

    /** @return the response body */
    public ApiError toError() {
        return new ApiError(status, error, getMessage(), field, null);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
