package dev.opsruns.example.inventory;

/**
 * An inventory snapshot cannot be read (it was archived). The message is the storage layer's raw text
 * and may hold credentials: hand it only to the run ledger, which sanitizes it.
 */
public final class SnapshotUnavailableException extends Exception {

    /**
     * @param rawMessage the storage layer's raw error text
     */
    public SnapshotUnavailableException(String rawMessage) {
        super(rawMessage, null, false, false);
    }
}
