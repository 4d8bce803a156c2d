package dev.opsruns.core;

import dev.opsruns.core.internal.Checks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings every store takes: clock, sanitizer, access policy, link template, related-link providers,
 * the item-failure cap, the start retry bound, the claim and start policies and the {@link RunListener}s. Immutable and
 * validated once, in
 * {@link Builder#build()}.
 */
public final class RunsConfig {

    /** Item failures stored per run before only the count grows. */
    public static final int DEFAULT_ITEM_FAILURE_CAP = 100;
    /**
     * How often a start that lost a race to a run that then ended is retried. Each retry means another
     * caller started and ended a run of the same key in between, so only heavy churn on one key uses
     * more than a few.
     */
    public static final int DEFAULT_START_RETRIES = 20;

    private final Clock clock;
    private final FailureSanitizer sanitizer;
    private final RunAccessPolicy accessPolicy;
    private final RunLinkTemplate linkTemplate;
    private final Map<RunType, RelatedLinkProvider> relatedLinks;
    private final int itemFailureCap;
    private final int startRetries;
    private final List<RunListener> listeners;
    private final ClaimPolicy claimPolicy;
    private final StartPolicy startPolicy;

    private RunsConfig(Builder b) {
        this.clock = b.clock;
        this.sanitizer = b.sanitizer;
        this.accessPolicy = b.accessPolicy;
        this.linkTemplate = b.linkTemplate;
        this.relatedLinks = Map.copyOf(b.relatedLinks);
        this.itemFailureCap = b.itemFailureCap;
        this.startRetries = b.startRetries;
        this.listeners = List.copyOf(b.listeners);
        this.claimPolicy = b.claimPolicy;
        this.startPolicy = b.startPolicy;
    }

    /** @return the defaults: UTC system clock, standard sanitizer, policy and link template */
    public static RunsConfig defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the clock all timestamps come from */
    public Clock clock() {
        return clock;
    }

    /** @return the sanitizer every message passes through */
    public FailureSanitizer sanitizer() {
        return sanitizer;
    }

    /** @return the access policy */
    public RunAccessPolicy accessPolicy() {
        return accessPolicy;
    }

    /** @return the "View run" link template */
    public RunLinkTemplate linkTemplate() {
        return linkTemplate;
    }

    /**
     * @param runType a run type
     * @return its related-link provider, {@link RelatedLinkProvider#NONE} when none is registered
     */
    public RelatedLinkProvider relatedLinks(RunType runType) {
        return relatedLinks.getOrDefault(runType, RelatedLinkProvider.NONE);
    }

    /** @return how many item failures are stored per run */
    public int itemFailureCap() {
        return itemFailureCap;
    }

    /** @return how often a lost start race is retried */
    public int startRetries() {
        return startRetries;
    }

    /** @return the listeners that hear run events, in registration order (empty by default) */
    public List<RunListener> listeners() {
        return listeners;
    }

    /** @return the leases and attempt limits of claims */
    public ClaimPolicy claimPolicy() {
        return claimPolicy;
    }

    /** @return the reuse and conflict policies of starts, per run type */
    public StartPolicy startPolicy() {
        return startPolicy;
    }

    /** Collects settings; {@link #build()} validates them. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private FailureSanitizer sanitizer = FailureSanitizer.standard();
        private RunAccessPolicy accessPolicy = RunAccessPolicy.standard();
        private RunLinkTemplate linkTemplate = RunLinkTemplate.standard();
        private final Map<RunType, RelatedLinkProvider> relatedLinks = new HashMap<>();
        private int itemFailureCap = DEFAULT_ITEM_FAILURE_CAP;
        private int startRetries = DEFAULT_START_RETRIES;
        private final List<RunListener> listeners = new ArrayList<>();
        private ClaimPolicy claimPolicy = ClaimPolicy.defaults();
        private StartPolicy startPolicy = StartPolicy.defaults();

        private Builder() {
        }

        /**
         * @param value reuse and conflict policies of starts, per run type (default
         *     {@link StartPolicy#defaults()}: reuse only the active run)
         * @return this builder
         */
        public Builder startPolicy(StartPolicy value) {
            this.startPolicy = Objects.requireNonNull(value, "startPolicy");
            return this;
        }

        /**
         * @param value leases and attempt limits of claims (default {@link ClaimPolicy#defaults()})
         * @return this builder
         */
        public Builder claimPolicy(ClaimPolicy value) {
            this.claimPolicy = Objects.requireNonNull(value, "claimPolicy");
            return this;
        }

        /**
         * @param value the clock for every timestamp (a {@code ManualClock} in tests)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value the sanitizer
         * @return this builder
         */
        public Builder sanitizer(FailureSanitizer value) {
            this.sanitizer = Objects.requireNonNull(value, "sanitizer");
            return this;
        }

        /**
         * @param value the access policy
         * @return this builder
         */
        public Builder accessPolicy(RunAccessPolicy value) {
            this.accessPolicy = Objects.requireNonNull(value, "accessPolicy");
            return this;
        }

        /**
         * @param value the "View run" link template
         * @return this builder
         */
        public Builder linkTemplate(RunLinkTemplate value) {
            this.linkTemplate = Objects.requireNonNull(value, "linkTemplate");
            return this;
        }

        /**
         * @param runType the run type
         * @param provider its related-link provider
         * @return this builder
         */
        public Builder relatedLinks(RunType runType, RelatedLinkProvider provider) {
            relatedLinks.put(Objects.requireNonNull(runType, "runType"), Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * @param value item failures stored per run, 0-10,000
         * @return this builder
         */
        public Builder itemFailureCap(int value) {
            this.itemFailureCap = value;
            return this;
        }

        /**
         * @param value retries of a lost start race, 1-100
         * @return this builder
         */
        public Builder startRetries(int value) {
            this.startRetries = value;
            return this;
        }

        /**
         * Adds a listener; each call adds one more, heard in the order they were added.
         *
         * @param value a listener of run events
         * @return this builder
         */
        public Builder listener(RunListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * @return the settings
         * @throws InvalidRunInputException naming a setting out of range
         */
        public RunsConfig build() {
            if (itemFailureCap < 0 || itemFailureCap > 10_000) {
                throw new InvalidRunInputException("itemFailureCap", "must be 0-10000, but was " + itemFailureCap);
            }
            if (startRetries < 1 || startRetries > 100) {
                throw new InvalidRunInputException("startRetries", "must be 1-100, but was " + startRetries);
            }
            Checks.notNull(clock, "clock");
            return new RunsConfig(this);
        }
    }
}
