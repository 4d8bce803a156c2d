package dev.opsruns.hub;

import dev.opsruns.core.RetentionPolicy;
import dev.opsruns.core.RunLedger;
import dev.opsruns.hub.internal.HubServlet;
import dev.opsruns.hub.internal.HubSettings;
import dev.opsruns.hub.spi.HubCallers;
import dev.opsruns.hub.spi.HubHost;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import java.util.Objects;

/**
 * The Operations hub as one servlet: the run list (status tabs with counts, filters, search, paging,
 * live refresh while runs are active), a run's detail (progress by outcome, heartbeat, item failures
 * grouped by reason) and the caller's notifications, for the tenants the caller may view. Every read
 * goes through the ledger's {@code RunQueries} with the caller's principal, so a tenant without a role
 * is 403 and another tenant's run is 404, as everywhere in opsruns. The hub is view-only: its one write
 * is marking the caller's own notifications read, refused unless the browser says the form came from the
 * same origin.
 *
 * <p>Pages are precompiled templates that escape by context; the hub's CSS and script come from its own
 * jar under {@code <basePath>/assets/}, and every page is sent with a Content-Security-Policy that allows
 * nothing else. Mount it under its base path, in any Jakarta Servlet 6 container:
 *
 * <pre>{@code
 * RunsHub hub = RunsHub.builder(ledger, request -> myAuth.principal(request)).basePath("/ops").build();
 * context.addServlet(new ServletHolder(hub.servlet()), "/ops/*");          // Jetty
 * new ServletRegistrationBean<>(hub.servlet(), "/ops/*");                  // Spring Boot
 * }</pre>
 *
 * <p>URLs under the base path: {@code /tenants/{tenant}/operations} (the list),
 * {@code /tenants/{tenant}/operations/{runId}} (the detail; the ledger's default "View run" URL when the
 * base path is empty), {@code /tenants/{tenant}/statistics} (per run type over a window: runs started
 * and ended, success rates, duration and queue-latency percentiles, top failure reasons, and charts of
 * runs ended and the p95 duration per interval), {@code POST /tenants/{tenant}/notifications/read}, and
 * {@code /} (the caller's tenants).
 */
public final class RunsHub {

    /** How long a running run's heartbeat may be silent before the hub marks it late, unless configured. */
    public static final Duration DEFAULT_HEARTBEAT_LATE_AFTER = Duration.ofMinutes(2);
    /** Rows per list page unless the URL says otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 25;

    private final HubServlet servlet;

    private RunsHub(Builder b) {
        this.servlet = new HubServlet(new HubSettings(b.ledger, b.callers, b.host, b.basePath, b.heartbeatLateAfter,
                b.pageSize, b.refreshSeconds, b.retention));
    }

    /**
     * @param ledger the ledger to show
     * @param callers who is calling (the host's sign-in)
     * @return a builder
     */
    public static Builder builder(RunLedger ledger, HubCallers callers) {
        return new Builder(ledger, callers);
    }

    /** @return the servlet; mount it at {@code <basePath>/*} (or forward requests under the base path to it) */
    public HttpServlet servlet() {
        return servlet;
    }

    /** The hub's settings, validated when set. */
    public static final class Builder {
        private final RunLedger ledger;
        private final HubCallers callers;
        private HubHost host = HubHost.NONE;
        private String basePath = "";
        private Duration heartbeatLateAfter = DEFAULT_HEARTBEAT_LATE_AFTER;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int refreshSeconds = 3;
        private Duration retention = RetentionPolicy.DEFAULT_RETENTION;

        private Builder(RunLedger ledger, HubCallers callers) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.callers = Objects.requireNonNull(callers, "callers");
        }

        /**
         * @param value the host's names and links (default: {@link HubHost#NONE})
         * @return this builder
         */
        public Builder host(HubHost value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * @param value the path the hub is mounted under, such as {@code /ops}, or empty for the root
         *     (default); a trailing slash is dropped
         * @return this builder
         * @throws IllegalArgumentException when it is not empty and does not start with one slash, or
         *     holds characters other than letters, digits and {@code / - _ .}
         */
        public Builder basePath(String value) {
            Objects.requireNonNull(value, "basePath");
            String path = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            if (!path.isEmpty() && (!path.startsWith("/") || path.startsWith("//") || !path.matches("[A-Za-z0-9/_.-]+"))) {
                throw new IllegalArgumentException("basePath must be empty or a path such as /ops (letters, digits, "
                        + "/ - _ .), but was " + value);
            }
            this.basePath = path;
            return this;
        }

        /**
         * @param value how long a running run's heartbeat may be silent before it is shown as late
         *     (default {@link #DEFAULT_HEARTBEAT_LATE_AFTER}); set it below the reaper's heartbeat timeout
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder heartbeatLateAfter(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("heartbeatLateAfter must be positive, but was " + value);
            }
            this.heartbeatLateAfter = value;
            return this;
        }

        /**
         * @param value rows per list page, 1-200 (default {@link #DEFAULT_PAGE_SIZE})
         * @return this builder
         * @throws IllegalArgumentException when outside 1-200
         */
        public Builder pageSize(int value) {
            if (value < 1 || value > 200) {
                throw new IllegalArgumentException("pageSize must be 1-200, but was " + value);
            }
            this.pageSize = value;
            return this;
        }

        /**
         * @param value seconds between refreshes of a page that shows active runs, 1-60 (default 3)
         * @return this builder
         * @throws IllegalArgumentException when outside 1-60
         */
        public Builder refreshSeconds(int value) {
            if (value < 1 || value > 60) {
                throw new IllegalArgumentException("refreshSeconds must be 1-60, but was " + value);
            }
            this.refreshSeconds = value;
            return this;
        }

        /**
         * @param value how long the ledger keeps ended runs (default {@link RetentionPolicy#DEFAULT_RETENTION},
         *     the ledger's default): the statistics page refuses a window reaching back further, whose runs
         *     would be partly purged, instead of showing incomplete figures; set it to the retention of the
         *     ledger's {@code RetentionPolicy}
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder retention(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("retention must be positive, but was " + value);
            }
            this.retention = value;
            return this;
        }

        /** @return the hub */
        public RunsHub build() {
            return new RunsHub(this);
        }
    }
}
