package dev.opsruns.example.domain;

import java.util.Objects;

/**
 * A producer refused a request before writing anything. The message says what was wrong and what is
 * accepted, and is safe to show the caller (it holds only values the caller sent or may see).
 */
public class RefusedException extends RuntimeException {

    /** Why the request was refused. */
    public enum Kind {
        /** The request itself is wrong (HTTP 400). */
        INVALID,
        /** It names something that does not exist in the tenant (HTTP 404). */
        NOT_FOUND,
        /** The tenant's state does not allow it yet (HTTP 409). */
        CONFLICT
    }

    private final Kind kind;
    private final String field;

    /**
     * @param kind why it was refused
     * @param field the request field at fault, or null
     * @param message what was wrong and what is accepted
     */
    public RefusedException(Kind kind, String field, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
    }

    /** @return why it was refused */
    public Kind kind() {
        return kind;
    }

    /** @return the request field at fault, or null */
    public String field() {
        return field;
    }
}
