package dev.opsruns.hub.internal;

/** A request the hub refuses, with the status and a message written to be shown. */
final class HubError extends RuntimeException {

    private final int status;

    HubError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HubError badRequest(String message) {
        return new HubError(400, message);
    }

    static HubError notFound(String message) {
        return new HubError(404, message);
    }

    int status() {
        return status;
    }
}
