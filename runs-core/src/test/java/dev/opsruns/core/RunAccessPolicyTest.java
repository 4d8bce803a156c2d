package dev.opsruns.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RunAccessPolicy.standard() (DESIGN §9)")
class RunAccessPolicyTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId OTHER = TenantId.of("other");
    private static final RunType DRIFT = RunType.of("drift.generate");
    private final RunAccessPolicy policy = RunAccessPolicy.standard();

    private static Principal with(TenantRole role) {
        return new Principal("u1", "Ada", Map.of(ACME, role));
    }

    @ParameterizedTest(name = "{0}: view={1}, start={2}")
    @CsvSource({
            "OWNER,    true, true",
            "MANAGER,  true, true",
            "OPERATOR, true, true",
            "READONLY, true, false"})
    @DisplayName("every role may view; only owner, manager and operator may start")
    void roles(TenantRole role, boolean view, boolean start) {
        Principal p = with(role);
        assertEquals(view, policy.canView(p, ACME));
        assertEquals(start, policy.canStart(p, ACME, DRIFT));
        assertDoesNotThrow(() -> policy.checkView(p, ACME));
        if (start) {
            assertDoesNotThrow(() -> policy.checkStart(p, ACME, DRIFT));
        } else {
            RunAccessDeniedException e = assertThrows(RunAccessDeniedException.class,
                    () -> policy.checkStart(p, ACME, DRIFT));
            assertEquals(ACME, e.tenantId());
            assertEquals("u1", e.userId());
            assertTrue(e.getMessage().contains("READONLY"), e.getMessage());
            assertTrue(e.getMessage().contains("OWNER, MANAGER or OPERATOR"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a role in another tenant grants nothing here: neither view nor start")
    void noRoleInTenant() {
        Principal p = new Principal("u2", "Bob", Map.of(OTHER, TenantRole.OWNER));
        assertFalse(policy.canView(p, ACME));
        assertFalse(policy.canStart(p, ACME, DRIFT));
        RunAccessDeniedException view = assertThrows(RunAccessDeniedException.class, () -> policy.checkView(p, ACME));
        assertEquals(ACME, view.tenantId());
        assertEquals("u2", view.userId());
        assertTrue(view.getMessage().contains("no role in tenant acme"), view.getMessage());
        assertTrue(view.getMessage().contains("OWNER, MANAGER, OPERATOR, READONLY"), view.getMessage());
        RunAccessDeniedException start = assertThrows(RunAccessDeniedException.class,
                () -> policy.checkStart(p, ACME, DRIFT));
        assertTrue(start.getMessage().contains("no role"), start.getMessage());
        assertTrue(start.getMessage().contains("drift.generate"), start.getMessage());
    }

    @Test
    @DisplayName("a principal with no roles at all may do nothing")
    void noRolesAtAll() {
        Principal p = new Principal("u3", "Eve", Map.of());
        assertFalse(policy.canView(p, ACME));
        assertFalse(policy.canStart(p, ACME, DRIFT));
        assertThrows(RunAccessDeniedException.class, () -> policy.checkView(p, ACME));
        assertThrows(RunAccessDeniedException.class, () -> policy.checkStart(p, ACME, DRIFT));
    }

    @Test
    @DisplayName("access denied is a RunException")
    void deniedIsRunException() {
        RunException e = assertThrows(RunException.class,
                () -> policy.checkStart(with(TenantRole.READONLY), ACME, DRIFT));
        assertTrue(e instanceof RunAccessDeniedException);
    }

    @Test
    @DisplayName("a host policy's answers drive the default check methods")
    void customPolicyChecks() {
        RunAccessPolicy viewOnly = new RunAccessPolicy() {
            @Override
            public boolean canView(Principal principal, TenantId tenantId) {
                return true;
            }

            @Override
            public boolean canStart(Principal principal, TenantId tenantId, RunType runType) {
                return false;
            }
        };
        Principal owner = with(TenantRole.OWNER);
        assertDoesNotThrow(() -> viewOnly.checkView(new Principal("x", "X", Map.of()), ACME));
        assertThrows(RunAccessDeniedException.class, () -> viewOnly.checkStart(owner, ACME, DRIFT));
    }
}
