package dev.opsruns.micrometer;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.Run;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunListener;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Records opsruns' run events as Micrometer meters. It is a {@link RunListener}: register it on the
 * configuration the ledger is built with.
 *
 * <pre>{@code
 * RunsConfig config = RunsConfig.builder().listener(OpsRunsMetrics.create(meterRegistry)).build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>kind</th><th>tags</th></tr>
 *   <tr><td>{@value #RUNS_STARTED}</td><td>counter</td><td>type</td></tr>
 *   <tr><td>{@value #RUNS_REUSED}</td><td>counter</td><td>type</td></tr>
 *   <tr><td>{@value #RUNS_ENDED}</td><td>counter</td><td>type, bucket</td></tr>
 *   <tr><td>{@value #RUNS_DURATION}</td><td>timer, queued to ended</td><td>type, bucket</td></tr>
 *   <tr><td>{@value #RUNS_ACTIVE}</td><td>gauge</td><td>type</td></tr>
 *   <tr><td>{@value #RUNS_REAPED}</td><td>counter</td><td>type, reason</td></tr>
 *   <tr><td>{@value #ITEM_FAILURES}</td><td>counter</td><td>type, reason</td></tr>
 * </table>
 *
 * <p>Every tag set is bounded by what the host defines: run types, the five buckets, reason codes.
 * The tenant is added as a {@value #TAG_TENANT} tag to every meter only when the host opts in with
 * {@link Builder#tenantTag(boolean)}, since a host may have any number of tenants.
 *
 * <p>The meters count what this process does: events are fired by the ledger instance that made
 * the change. Counters and the timer therefore add up across instances. {@value #RUNS_ACTIVE} is
 * built from events too (a run is active from the moment this instance started or reused it until
 * this instance sees it end), because no ledger query counts active runs across tenants. It is
 * exact when the instance that starts a run also ends it (in-process workers, and the reaper of that
 * instance); a run that another instance ends stays counted here until this process restarts.
 */
public final class OpsRunsMetrics implements RunListener {

    /** Runs started. */
    public static final String RUNS_STARTED = "opsruns.runs.started";
    /** Starts that reused the run already active for their key. */
    public static final String RUNS_REUSED = "opsruns.runs.reused";
    /** Runs ended, by bucket. */
    public static final String RUNS_ENDED = "opsruns.runs.ended";
    /** How long runs took from queued to ended, by bucket. */
    public static final String RUNS_DURATION = "opsruns.runs.duration";
    /** Runs active as this process saw them. */
    public static final String RUNS_ACTIVE = "opsruns.runs.active";
    /** Runs ended by the reaper, by reason ({@code run.stale}, {@code run.never_started}). */
    public static final String RUNS_REAPED = "opsruns.runs.reaped";
    /** Item failures recorded, by reason code. */
    public static final String ITEM_FAILURES = "opsruns.item.failures";

    /** The run type tag. */
    public static final String TAG_TYPE = "type";
    /** The bucket tag ({@link StatusBucket#apiName()}). */
    public static final String TAG_BUCKET = "bucket";
    /** The reason code tag. */
    public static final String TAG_REASON = "reason";
    /** The tenant tag, only when opted in. */
    public static final String TAG_TENANT = "tenant";

    private final MeterRegistry registry;
    private final boolean tenantTag;
    /** Active run ids per gauge's tag set; the gauges read these sets' sizes. */
    private final ConcurrentMap<Tags, Set<RunId>> active = new ConcurrentHashMap<>();

    private OpsRunsMetrics(Builder b) {
        this.registry = b.registry;
        this.tenantTag = b.tenantTag;
    }

    /**
     * @param registry where the meters are registered
     * @return meters without the tenant tag
     * @throws NullPointerException when the registry is null
     */
    public static OpsRunsMetrics create(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * @param registry where the meters are registered
     * @return a builder
     * @throws NullPointerException when the registry is null
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /** @return true when every meter carries the {@value #TAG_TENANT} tag */
    public boolean tenantTag() {
        return tenantTag;
    }

    @Override
    public void started(Run run) {
        Tags tags = base(run.runType(), run.tenantId());
        Counter.builder(RUNS_STARTED).description("Runs started").tags(tags).register(registry).increment();
        activeSet(tags).add(run.id());
    }

    @Override
    public void reused(Run run) {
        Tags tags = base(run.runType(), run.tenantId());
        Counter.builder(RUNS_REUSED).description("Starts that reused the active run of their key").tags(tags)
                .register(registry).increment();
        activeSet(tags).add(run.id());
    }

    @Override
    public void ended(Run run, StatusBucket bucket, Duration duration) {
        Tags tags = base(run.runType(), run.tenantId());
        Tags byBucket = tags.and(TAG_BUCKET, bucket.apiName());
        Counter.builder(RUNS_ENDED).description("Runs ended").tags(byBucket).register(registry).increment();
        Timer.builder(RUNS_DURATION).description("Run duration from queued to ended").tags(byBucket)
                .register(registry).record(duration);
        activeSet(tags).remove(run.id());
    }

    @Override
    public void reaped(Run run) {
        String reason = run.failureIfAny().map(f -> f.reasonCode().value()).orElse("unknown");
        Counter.builder(RUNS_REAPED).description("Runs ended by the reaper")
                .tags(base(run.runType(), run.tenantId()).and(TAG_REASON, reason)).register(registry).increment();
    }

    @Override
    public void itemFailed(RunId runId, RunType runType, TenantId tenantId, ReasonCode reasonCode) {
        Counter.builder(ITEM_FAILURES).description("Item failures recorded")
                .tags(base(runType, tenantId).and(TAG_REASON, reasonCode.value())).register(registry).increment();
    }

    private Tags base(RunType type, TenantId tenant) {
        Tags tags = Tags.of(TAG_TYPE, type.value());
        return tenantTag ? tags.and(TAG_TENANT, tenant.value()) : tags;
    }

    private Set<RunId> activeSet(Tags tags) {
        return active.computeIfAbsent(tags, t -> {
            Set<RunId> ids = ConcurrentHashMap.newKeySet();
            Gauge.builder(RUNS_ACTIVE, ids, Set::size).description("Runs active as this process saw them")
                    .tags(t).strongReference(true).register(registry);
            return ids;
        });
    }

    /** Collects the settings of {@link OpsRunsMetrics}. */
    public static final class Builder {
        private final MeterRegistry registry;
        private boolean tenantTag;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * @param value true to tag every meter with the tenant (default false: a host may have any
         *     number of tenants, and each adds a time series per meter)
         * @return this builder
         */
        public Builder tenantTag(boolean value) {
            this.tenantTag = value;
            return this;
        }

        /** @return the meters, ready to pass to {@link RunsConfig.Builder#listener} */
        public OpsRunsMetrics build() {
            return new OpsRunsMetrics(this);
        }
    }
}
