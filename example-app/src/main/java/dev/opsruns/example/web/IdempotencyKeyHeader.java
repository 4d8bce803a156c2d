package dev.opsruns.example.web;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.StartRequest;
import io.javalin.http.Context;

/**
 * The {@code Idempotency-Key} request header of the producer endpoints (IETF
 * draft-ietf-httpapi-idempotency-key-header). The draft makes the value a Structured Field string,
 * {@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}; the bare form many clients send is accepted too. The
 * key names one operation: a retry with the same key and body gets the same run (200), a key reused
 * with another body is refused (422), and a malformed key is refused before anything is done (400).
 */
final class IdempotencyKeyHeader {

    /** The header's name. */
    static final String NAME = "Idempotency-Key";

    private IdempotencyKeyHeader() {
    }

    /**
     * @param ctx the request
     * @return the caller key, or null when the header is absent
     * @throws ApiException (400) when the header is repeated or its value is not 1-255 printable ASCII
     *     characters (without the quotes of the string form)
     */
    static String read(Context ctx) {
        var values = ctx.req().getHeaders(NAME);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String raw = values.nextElement();
        if (values.hasMoreElements()) {
            throw ApiException.badRequest(NAME, NAME + " must be sent once");
        }
        String key = raw.trim();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
            if (key.indexOf('"') >= 0 || key.indexOf('\\') >= 0) {
                throw ApiException.badRequest(NAME, NAME + " must be a string without escapes");
            }
        }
        try {
            return StartRequest.checkCallerKey(key);
        } catch (InvalidRunInputException e) {
            throw ApiException.badRequest(NAME, NAME + " must be 1-" + StartRequest.MAX_CALLER_KEY_LENGTH
                    + " printable ASCII characters, not blank (a Structured Field string such as \"a1b2c3\")");
        }
    }
}
