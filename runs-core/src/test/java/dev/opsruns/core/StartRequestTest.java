package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StartRequest")
class StartRequestTest {

    private final TenantId acme = TenantId.of("acme");
    private final RunType drift = RunType.of("drift.generate");
    private final RunContext context = RunContext.of(Map.of("scope_key", "all"));
    private final Principal ada = new Principal("u1", "Ada", Map.of(acme, TenantRole.OPERATOR));

    @Test
    @DisplayName("byUser records the principal as the user initiator")
    void byUser() {
        StartRequest r = StartRequest.byUser(ada, acme, drift, context);
        assertEquals(new Initiator.User("u1", "Ada"), r.initiator());
        assertEquals(Optional.of(ada), r.userPrincipal());
        assertSame(context, r.context());
    }

    @Test
    @DisplayName("bySystem records the system initiator and no principal")
    void bySystem() {
        StartRequest r = StartRequest.bySystem("scheduler", acme, drift, context);
        assertEquals(new Initiator.System("scheduler"), r.initiator());
        assertEquals(Optional.empty(), r.userPrincipal());
        assertNull(r.principal());
    }

    @Test
    @DisplayName("the idempotency key is buildKey of tenant, type and context, whoever starts it")
    void idempotencyKey() {
        IdempotencyKey expected = RunIdempotency.buildKey(acme, drift, context);
        assertEquals(expected, StartRequest.byUser(ada, acme, drift, context).idempotencyKey());
        assertEquals(expected, StartRequest.bySystem("scheduler", acme, drift, context).idempotencyKey());
    }

    @Test
    @DisplayName("a user initiator without a principal, or with another user's, is refused")
    void userInitiatorNeedsSamePrincipal() {
        Initiator.User user = new Initiator.User("u1", "Ada");
        assertRefused("principal", () -> new StartRequest(acme, drift, context, user, null), "StartRequest.byUser");
        Principal other = new Principal("u2", "Bob", Map.of(acme, TenantRole.OWNER));
        assertRefused("principal", () -> new StartRequest(acme, drift, context, user, other));
    }

    @Test
    @DisplayName("a system start with a principal is refused")
    void systemTakesNoPrincipal() {
        assertRefused("principal",
                () -> new StartRequest(acme, drift, context, new Initiator.System("sync"), ada), "no principal");
    }

    @Test
    @DisplayName("missing parts are refused naming them")
    void nullsRefused() {
        assertRefused("tenantId", () -> StartRequest.byUser(ada, null, drift, context), "required");
        assertRefused("runType", () -> StartRequest.byUser(ada, acme, null, context), "required");
        assertRefused("context", () -> StartRequest.byUser(ada, acme, drift, null), "required");
        assertRefused("principal", () -> StartRequest.byUser(null, acme, drift, context), "required");
        assertRefused("initiator", () -> new StartRequest(acme, drift, context, null, null), "required");
        assertRefused("initiator.system", () -> StartRequest.bySystem(null, acme, drift, context), "required");
        assertRefused("initiator.system", () -> StartRequest.bySystem("night sync", acme, drift, context));
    }
}
