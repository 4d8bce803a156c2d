package dev.opsruns.core.internal;

/**
 * Implemented by the engine's registry so that a {@code ProgressRecorder} can tell it that it is open;
 * registries of other implementations simply do not know about recorders.
 */
public interface RecorderAware {

    /** @return the open recorders of this ledger */
    OpenRecorders openRecorders();
}
