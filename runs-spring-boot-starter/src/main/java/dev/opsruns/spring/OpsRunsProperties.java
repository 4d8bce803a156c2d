package dev.opsruns.spring;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.Principal;
import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.RunAccessPolicy;
import dev.opsruns.core.RunLinkTemplate;
import dev.opsruns.core.RunType;
import dev.opsruns.core.RunsConfig;
import dev.opsruns.core.StaleRunPolicy;
import dev.opsruns.core.TenantId;
import dev.opsruns.jdbi.DatabaseVendor;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code opsruns.*} settings of the starter, validated once when they are bound: a value opsruns
 * does not accept fails the application's start-up with an {@link InvalidOpsRunsPropertyException}
 * naming the property.
 *
 * @param enabled whether the starter configures opsruns at all
 * @param database auto (read from the DataSource's metadata), h2 or postgresql
 * @param migrate whether opsruns' Flyway migrations run at start-up, with their own history table,
 *     after the application's own Flyway or Liquibase migrations
 * @param accessPolicy who may view and start runs: standard (every role views; all but READONLY
 *     start) or view-only (every role views; no user starts, system starts still work); a
 *     RunAccessPolicy bean replaces either
 * @param linkTemplate the "View run" URL of notifications, holding {tenant} and {runId}
 * @param itemFailureCap item failures stored per run before only the count grows, 0-10000
 * @param reaper the stale-run reaper's schedule and thresholds
 * @param retention the retention purge's schedule and period
 * @param metrics the Micrometer meters
 * @param hub the Operations hub, when runs-hub is on the class path and the application has a
 *     {@code HubCallers} bean
 */
@ConfigurationProperties("opsruns")
public record OpsRunsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("auto") String database,
        @DefaultValue("true") boolean migrate,
        @DefaultValue("standard") String accessPolicy,
        @DefaultValue(RunLinkTemplate.DEFAULT_PATTERN) String linkTemplate,
        @DefaultValue("100") int itemFailureCap,
        @DefaultValue Reaper reaper,
        @DefaultValue Retention retention,
        @DefaultValue Metrics metrics,
        @DefaultValue Hub hub) {

    /** The values {@code opsruns.database} accepts. */
    static final String DATABASES = "one of auto, h2, postgresql";
    /** The values {@code opsruns.access-policy} accepts. */
    static final String ACCESS_POLICIES = "one of standard, view-only";

    /**
     * @param enabled whether the starter configures opsruns at all
     * @param database {@code auto}, {@code h2} or {@code postgresql}
     * @param migrate whether opsruns' migrations run at start-up
     * @param accessPolicy {@code standard} or {@code view-only}
     * @param linkTemplate the "View run" URL, holding {tenant} and {runId}
     * @param itemFailureCap item failures stored per run, 0-10000
     * @param reaper the reaper's settings
     * @param retention the purge's settings
     * @param metrics the meters' settings
     * @param hub the hub's settings
     * @throws InvalidOpsRunsPropertyException naming the first property whose value is not accepted
     */
    public OpsRunsProperties {
        vendor(database);
        accessPolicy(accessPolicy);
        try {
            RunLinkTemplate.of(linkTemplate);
        } catch (InvalidRunInputException e) {
            throw InvalidOpsRunsPropertyException.of("opsruns.link-template", e);
        }
        try {
            RunsConfig.builder().itemFailureCap(itemFailureCap).build();
        } catch (InvalidRunInputException e) {
            throw InvalidOpsRunsPropertyException.of("opsruns.item-failure-cap", e);
        }
    }

    /** @return the database named by {@code opsruns.database}, empty for {@code auto} */
    public Optional<DatabaseVendor> vendor() {
        return vendor(database);
    }

    /** @return the access policy named by {@code opsruns.access-policy} */
    public RunAccessPolicy runAccessPolicy() {
        return accessPolicy(accessPolicy);
    }

    /**
     * @param clock the clock of the configuration
     * @return a configuration builder holding these settings (no listeners yet)
     */
    RunsConfig.Builder configBuilder(Clock clock) {
        return RunsConfig.builder().clock(clock).accessPolicy(runAccessPolicy())
                .linkTemplate(RunLinkTemplate.of(linkTemplate)).itemFailureCap(itemFailureCap);
    }

    private static Optional<DatabaseVendor> vendor(String database) {
        String name = database == null ? "" : database.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "auto" -> Optional.empty();
            case "h2" -> Optional.of(DatabaseVendor.H2);
            case "postgresql" -> Optional.of(DatabaseVendor.POSTGRESQL);
            default -> throw new InvalidOpsRunsPropertyException("opsruns.database",
                    "must be " + DATABASES + ", but was '" + database + "'");
        };
    }

    private static RunAccessPolicy accessPolicy(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "standard" -> RunAccessPolicy.standard();
            case "view-only" -> new ViewOnlyAccessPolicy();
            default -> throw new InvalidOpsRunsPropertyException("opsruns.access-policy",
                    "must be " + ACCESS_POLICIES + ", but was '" + name + "'");
        };
    }

    /** Every role views; no user may start a run (starts by the system are not checked). */
    private static final class ViewOnlyAccessPolicy implements RunAccessPolicy {
        private final RunAccessPolicy standard = RunAccessPolicy.standard();

        @Override
        public boolean canView(Principal principal, TenantId tenantId) {
            return standard.canView(principal, tenantId);
        }

        @Override
        public boolean canStart(Principal principal, TenantId tenantId, RunType runType) {
            return false;
        }
    }

    /**
     * The stale-run reaper.
     *
     * @param enabled whether the starter schedules it
     * @param interval the pause between two passes (the first pass runs at start-up)
     * @param heartbeatTimeout a running run with an older heartbeat ends failed / run.stale
     * @param heartbeatTimeouts per run type overrides of the heartbeat timeout; a type with dots is
     *     written in brackets: opsruns.reaper.heartbeat-timeouts[backup_set.add_policies]=30m
     * @param queueTimeout a pending run older than this ends failed / run.never_started
     * @param maxRunsPerPass the most runs one pass ends, 1-100000
     */
    public record Reaper(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration interval,
            @DefaultValue("10m") Duration heartbeatTimeout,
            Map<String, Duration> heartbeatTimeouts,
            @DefaultValue("30m") Duration queueTimeout,
            @DefaultValue("500") int maxRunsPerPass) {

        /**
         * @param enabled whether the starter schedules it
         * @param interval the pause between two passes
         * @param heartbeatTimeout the default heartbeat timeout
         * @param heartbeatTimeouts per run type overrides
         * @param queueTimeout how long a run may stay pending
         * @param maxRunsPerPass the most runs one pass ends
         * @throws InvalidOpsRunsPropertyException naming the property whose value is not accepted
         */
        public Reaper {
            heartbeatTimeouts = heartbeatTimeouts == null ? Map.of() : Map.copyOf(heartbeatTimeouts);
            positive(interval, "opsruns.reaper.interval");
            policy(heartbeatTimeout, heartbeatTimeouts, queueTimeout, maxRunsPerPass);
        }

        /** @return the thresholds as the ledger takes them */
        public StaleRunPolicy policy() {
            return policy(heartbeatTimeout, heartbeatTimeouts, queueTimeout, maxRunsPerPass);
        }

        private static StaleRunPolicy policy(Duration heartbeatTimeout, Map<String, Duration> byName,
                Duration queueTimeout, int maxRunsPerPass) {
            Map<RunType, Duration> byType = new LinkedHashMap<>();
            for (Map.Entry<String, Duration> e : byName.entrySet()) {
                String property = "opsruns.reaper.heartbeat-timeouts[" + e.getKey() + "]";
                try {
                    byType.put(RunType.of(e.getKey()), e.getValue());
                } catch (InvalidRunInputException x) {
                    throw InvalidOpsRunsPropertyException.of(property, x);
                }
                positive(e.getValue(), property);
            }
            try {
                return new StaleRunPolicy(heartbeatTimeout, byType, queueTimeout, maxRunsPerPass);
            } catch (InvalidRunInputException e) {
                String property = switch (e.field()) {
                    case "heartbeatTimeout" -> "opsruns.reaper.heartbeat-timeout";
                    case "queueTimeout" -> "opsruns.reaper.queue-timeout";
                    case "maxRunsPerPass" -> "opsruns.reaper.max-runs-per-pass";
                    default -> "opsruns.reaper." + e.field();
                };
                throw InvalidOpsRunsPropertyException.of(property, e);
            }
        }
    }

    /**
     * The retention purge.
     *
     * @param enabled whether the starter schedules it
     * @param interval the pause between two passes (the first pass runs at start-up)
     * @param period ended runs that finished longer ago are deleted with their failures and
     *     notifications
     * @param batchSize runs deleted per transaction, 1-50000
     */
    public record Retention(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1h") Duration interval,
            @DefaultValue("90d") Duration period,
            @DefaultValue("1000") int batchSize) {

        /**
         * @param enabled whether the starter schedules it
         * @param interval the pause between two passes
         * @param period how long ended runs are kept
         * @param batchSize runs deleted per transaction
         * @throws InvalidOpsRunsPropertyException naming the property whose value is not accepted
         */
        public Retention {
            positive(interval, "opsruns.retention.interval");
            try {
                new RetentionPolicy(period, batchSize);
            } catch (InvalidRunInputException e) {
                throw InvalidOpsRunsPropertyException.of(
                        e.field().equals("batchSize") ? "opsruns.retention.batch-size" : "opsruns.retention.period", e);
            }
        }

        /** @return the retention as the ledger takes it */
        public RetentionPolicy policy() {
            return new RetentionPolicy(period, batchSize);
        }
    }

    /**
     * The Micrometer meters, registered when the application has a {@code MeterRegistry}.
     *
     * @param enabled whether the meters are registered
     * @param tenantTag whether every meter carries the tenant as a tag (off: a host may have any number
     *     of tenants, and each adds time series)
     */
    public record Metrics(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("false") boolean tenantTag) {
    }

    /**
     * The Operations hub's settings ({@code opsruns.hub.*}).
     *
     * @param enabled whether the hub is mounted (it also needs runs-hub and a {@code HubCallers} bean)
     * @param basePath where it is mounted: empty or a path such as {@code /ops} (letters, digits, / - _ .)
     * @param pageSize runs per list page, 1-200
     */
    public record Hub(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("/ops") String basePath,
            @DefaultValue("25") int pageSize) {

        /**
         * @param enabled whether the hub is mounted
         * @param basePath where
         * @param pageSize runs per page
         * @throws InvalidOpsRunsPropertyException naming the property whose value is not accepted
         */
        public Hub {
            String path = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
            if (!path.isEmpty() && (!path.startsWith("/") || path.startsWith("//") || !path.matches("[A-Za-z0-9/_.-]+"))) {
                throw new InvalidOpsRunsPropertyException("opsruns.hub.base-path",
                        "must be empty or a path such as /ops (letters, digits, / - _ .), but was " + basePath);
            }
            basePath = path;
            if (pageSize < 1 || pageSize > 200) {
                throw new InvalidOpsRunsPropertyException("opsruns.hub.page-size", "must be 1-200, but was " + pageSize);
            }
        }
    }

    private static void positive(Duration d, String property) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidOpsRunsPropertyException(property, "must be a positive duration, but was " + d);
        }
    }
}
