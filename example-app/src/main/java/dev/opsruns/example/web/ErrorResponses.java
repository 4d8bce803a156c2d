package dev.opsruns.example.web;

import dev.opsruns.core.IllegalRunTransitionException;
import dev.opsruns.core.IdempotencyKeyMismatchException;
import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunStartRefusedException;
import dev.opsruns.core.RunAccessDeniedException;
import dev.opsruns.core.RunNotFoundException;
import dev.opsruns.core.RunStoreUnavailableException;
import dev.opsruns.example.auth.AuthenticationRequiredException;
import dev.opsruns.example.db.DatabaseUnavailable;
import dev.opsruns.example.domain.RefusedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into a JSON {@link ApiError}. Messages are echoed only from exceptions whose
 * messages are written to be shown (the library's input, access, not-found and transition errors, and
 * the app's own refusals); anything else is logged with an error id and answered with a generic 500.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /**
     * @param e what went wrong
     * @param ctx the request
     */
    public static void handle(Exception e, Context ctx) {
        ApiError error = toError(e, ctx);
        if (error.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"opsruns-example\"");
        }
        ctx.status(error.status()).json(error);
    }

    /**
     * @param e what went wrong
     * @param ctx the request
     * @return the error to answer with (an unexpected one is logged with its error id)
     */
    public static ApiError toError(Exception e, Context ctx) {
        if (e instanceof ApiException api) {
            return api.toError();
        }
        if (e instanceof AuthenticationRequiredException auth) {
            return new ApiError(401, "unauthenticated", auth.getMessage(), null, null);
        }
        if (e instanceof RefusedException refused) {
            return switch (refused.kind()) {
                case INVALID -> new ApiError(400, "invalid_request", refused.getMessage(), refused.field(), null);
                case NOT_FOUND -> new ApiError(404, "not_found", refused.getMessage(), refused.field(), null);
                case CONFLICT -> new ApiError(409, "conflict", refused.getMessage(), refused.field(), null);
            };
        }
        if (e instanceof IdempotencyKeyMismatchException mismatch) {
            // draft-ietf-httpapi-idempotency-key-header: a key reused with a different payload is 422
            return new ApiError(422, "idempotency_key_mismatch", mismatch.getMessage(), IdempotencyKeyHeader.NAME, null);
        }
        if (e instanceof RunStartRefusedException refused) {
            return new ApiError(409, "start_refused", refused.getMessage(), null, null);
        }
        if (e instanceof InvalidRunInputException invalid) {
            return new ApiError(400, "invalid_request", invalid.getMessage(), invalid.field(), null);
        }
        if (e instanceof RunAccessDeniedException denied) {
            return new ApiError(403, "forbidden", denied.getMessage(), null, null);
        }
        if (e instanceof RunNotFoundException notFound) {
            return new ApiError(404, "not_found", notFound.getMessage(), null, null);
        }
        if (e instanceof IllegalRunTransitionException illegal) {
            return new ApiError(409, "conflict", illegal.getMessage(), null, null);
        }
        if (e instanceof RunStoreUnavailableException || DatabaseUnavailable.is(e)) {
            // One line, no stack trace: while the database is away every request ends here.
            String errorId = errorId();
            LOG.warn("database unavailable (error id {}) on {} {}: {}", errorId, ctx.method(), ctx.path(), rootMessage(e));
            ctx.header("Retry-After", "5"); // here, so that error pages send it too
            return new ApiError(503, "store_unavailable", "the database is unavailable; retry later", null, errorId);
        }
        int bodyFailure = BodyReadFailure.statusOf(e);
        if (bodyFailure != 0) {
            LOG.info("request body not read ({}) on {} {} from {}: {}", bodyFailure, ctx.method(), ctx.path(), ctx.ip(),
                    rootMessage(e));
            return bodyFailure == 408
                    ? new ApiError(408, "request_timeout", "the request body stopped or arrived too slowly", "body", null)
                    : new ApiError(bodyFailure, "invalid_request", "the request body could not be read", "body", null);
        }
        if (e instanceof HttpResponseException http) {
            return switch (http.getStatus()) {
                case 404 -> notFoundRoute(ctx);
                case 405 -> new ApiError(405, "method_not_allowed", ctx.method() + " is not accepted on " + ctx.path(), null, null);
                case 413 -> new ApiError(413, "payload_too_large", "the request body is too large", null, null);
                default -> new ApiError(http.getStatus(), "http_" + http.getStatus(), "the request was refused", null, null);
            };
        }
        String errorId = errorId();
        LOG.error("unexpected error (error id {}) on {} {}", errorId, ctx.method(), ctx.path(), e);
        return new ApiError(500, "internal_error", "unexpected error; error id " + errorId + " is in the server log",
                null, errorId);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + JsonBody.clip(String.valueOf(root.getMessage()));
    }

    static ApiError notFoundRoute(Context ctx) {
        return new ApiError(404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path()
                + "; GET /api lists the endpoints", null, null);
    }

    private static String errorId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
