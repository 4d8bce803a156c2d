package dev.opsruns.core;

/** Why a notification was sent. */
public enum NotificationKind {
    /** A run was started and is queued. */
    QUEUED("queued"),
    /** A start found the same operation already active, and reused it. */
    REUSED("reused"),
    /** A run ended without failures. */
    SUCCEEDED("succeeded"),
    /** A run ended with some items failed and some succeeded. */
    PARTIALLY_SUCCEEDED("partially_succeeded"),
    /** A run failed, was aborted, or none of its items succeeded. */
    FAILED("failed");

    private final String storageName;

    NotificationKind(String storageName) {
        this.storageName = storageName;
    }

    /** @return the lowercase name stored and shown in the API */
    public String storageName() {
        return storageName;
    }

    /**
     * @param storageName a stored name
     * @return the kind
     * @throws InvalidRunInputException for an unknown name
     */
    public static NotificationKind parse(String storageName) {
        for (NotificationKind k : values()) {
            if (k.storageName.equals(storageName)) {
                return k;
            }
        }
        throw new InvalidRunInputException("notificationKind", "unknown kind " + storageName);
    }
}
