package dev.opsruns.example.policy;

import dev.opsruns.core.ReasonCode;
import dev.opsruns.core.TenantId;
import dev.opsruns.example.jobs.StoreRetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The demo's in-process, deterministic policy source: it returns a policy's catalogue entry as its
 * payload, except for the policies {@link DemoCloudBehavior} marks, which fail like a cloud API does
 * (not found, forbidden, throttled on every attempt) with error texts that hold credentials
 * ({@link DemoCloudErrors}).
 */
public final class DemoPolicySource implements PolicySource {

    /** Reason code of a policy the cloud no longer has. */
    public static final ReasonCode NOT_FOUND = ReasonCode.of("graph.not_found");
    /** Reason code of a policy the app may not read. */
    public static final ReasonCode FORBIDDEN = ReasonCode.of("graph.forbidden");
    /** Reason code of a call refused for throttling. */
    public static final ReasonCode THROTTLED = ReasonCode.of("graph.throttled");

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PolicyRepository policies;
    private final Duration latency;
    private final StoreRetry catalogueRetry;

    /**
     * @param policies the catalogue the payloads come from
     */
    public DemoPolicySource(PolicyRepository policies) {
        this(policies, Duration.ZERO, StoreRetry.NONE);
    }

    /**
     * @param policies the catalogue the payloads come from
     * @param latency how long each call takes, as a remote API would (zero: at once)
     * @param catalogueRetry how a failed read of the catalogue (the app's database) is retried
     */
    public DemoPolicySource(PolicyRepository policies, Duration latency, StoreRetry catalogueRetry) {
        this.policies = policies;
        this.latency = latency;
        this.catalogueRetry = catalogueRetry;
    }

    @Override
    public CapturedPolicy capture(TenantId tenantId, String policyId) throws PolicySourceException {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                // The job checks the flag between items and stops there.
                Thread.currentThread().interrupt();
            }
        }
        // The request id is derived, not random, so the same call fails with the same text every time.
        String requestId = UUID.nameUUIDFromBytes((tenantId + "/" + policyId).getBytes(StandardCharsets.UTF_8)).toString();
        Policy policy = catalogueRetry.call("read policy " + policyId, () -> policies.find(tenantId, policyId)).orElseThrow(
                () -> new PolicySourceException(NOT_FOUND, DemoCloudErrors.notFound(policyId, requestId), null));
        return switch (DemoCloudBehavior.of(policyId)) {
            case OK -> new CapturedPolicy(policy.id(), policy.displayName(), policy.policyType(), policy.settingsJson());
            case NOT_FOUND -> throw new PolicySourceException(NOT_FOUND, DemoCloudErrors.notFound(policyId, requestId), null);
            case FORBIDDEN -> throw new PolicySourceException(FORBIDDEN, DemoCloudErrors.forbidden(policyId, requestId), null);
            case THROTTLED -> throw new PolicySourceException(THROTTLED, DemoCloudErrors.throttled(policyId, requestId), RETRY_AFTER);
        };
    }
}
