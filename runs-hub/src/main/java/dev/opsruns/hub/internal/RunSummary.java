package dev.opsruns.hub.internal;

import dev.opsruns.core.Initiator;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What the list row and the detail both show of a run.
 *
 * @param id the run id
 * @param shortId its last eight digits
 * @param url its detail page
 * @param typeLabel its run type's label
 * @param typeValue its run type
 * @param bucket its status bucket's API name
 * @param bucketLabel the bucket's label
 * @param status the storage status
 * @param active true while pending or running
 * @param initiatorName who started it
 * @param initiatorId the user id or system component
 * @param system true when the system started it
 * @param initiatorUrl the list of the same view filtered by this initiator
 * @param created when it was queued
 * @param started when it started, or "not started yet"
 * @param finished when it ended, or what to say while active
 * @param duration how long it took or has taken so far
 * @param heartbeat the last heartbeat (running runs)
 * @param heartbeatAge how long ago that was, or null
 * @param late true when a running run's heartbeat is older than the hub's limit
 * @param progress progress by outcome
 * @param failed failed items
 */
public record RunSummary(String id, String shortId, String url, String typeLabel, String typeValue, String bucket,
        String bucketLabel, String status, boolean active, String initiatorName, String initiatorId, boolean system,
        String initiatorUrl, TimeView created, TimeView started, TimeView finished, String duration, TimeView heartbeat,
        String heartbeatAge, boolean late, ProgressView progress, long failed) {

    /** @return how long the heartbeat has been silent, such as {@code 5 min} */
    public String heartbeatSilence() {
        return heartbeatAge == null ? "" : heartbeatAge.replace(" ago", "");
    }

    static RunSummary of(Run run, String url, String typeLabel, String initiatorUrl, Instant now, Duration lateAfter) {
        String text = run.id().toString();
        boolean running = run.status() == RunStatus.RUNNING;
        Duration sinceHeartbeat = run.heartbeatAt() == null ? null : Duration.between(run.heartbeatAt(), now);
        boolean late = running && sinceHeartbeat != null && sinceHeartbeat.compareTo(lateAfter) > 0;
        return new RunSummary(text, text.substring(text.length() - 8), url, typeLabel, run.runType().value(),
                run.bucket().apiName(), Texts.bucket(run.bucket()), run.status().storageName(), run.isActive(),
                run.initiator().displayName(), run.initiator().id(), !(run.initiator() instanceof Initiator.User),
                initiatorUrl, TimeView.of(run.createdAt(), "—"), TimeView.of(run.startedAt(), "not started yet"),
                TimeView.of(run.finishedAt(), run.isActive() ? "not finished yet" : "—"), duration(run, now),
                TimeView.of(running ? run.heartbeatAt() : null, "—"),
                running && sinceHeartbeat != null ? age(sinceHeartbeat) : null, late,
                ProgressView.of(run), run.counts().failed());
    }

    private static String age(Duration since) {
        return since.toSeconds() < 1 ? "just now" : Texts.duration(since) + " ago";
    }

    private static String duration(Run run, Instant now) {
        Instant start = run.startedAt() != null ? run.startedAt() : run.createdAt();
        if (run.finishedAt() != null) {
            return Texts.duration(Duration.between(start, run.finishedAt()));
        }
        return switch (run.bucket()) {
            case QUEUED -> "waiting " + Texts.duration(Duration.between(run.createdAt(), now));
            case RUNNING -> "running " + Texts.duration(Duration.between(start, now));
            case SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED -> "—";
        };
    }
}
