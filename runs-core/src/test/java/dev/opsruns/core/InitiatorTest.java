package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Initiator and Principal")
class InitiatorTest {

    @Nested
    @DisplayName("a user initiator")
    class User {

        @Test
        @DisplayName("keeps the id and a display name with spaces")
        void accepted() {
            Initiator.User u = new Initiator.User("u-42", "Ada Lovelace");
            assertEquals("u-42", u.id());
            assertEquals("Ada Lovelace", u.displayName());
        }

        @Test
        @DisplayName("accepts ids and names of 1 and 200 characters, refuses 201")
        void lengthBoundaries() {
            new Initiator.User("u", "A");
            new Initiator.User("u".repeat(200), "A".repeat(200));
            assertRefused("initiator.userId", () -> new Initiator.User("u".repeat(201), "A"), "1-200");
            assertRefused("initiator.displayName", () -> new Initiator.User("u", "A".repeat(201)), "1-200");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "a b", "a\tb", "a\nb", "a\u0000b", "a\u00a0b"})
        @DisplayName("refuses an id that is blank or holds whitespace or control characters")
        void badIdRefused(String id) {
            assertRefused("initiator.userId", () -> new Initiator.User(id, "Ada"), "1-200 printable characters",
                    "without whitespace");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "Ada\nLovelace", "Ada\u0007", "\u0085Ada"})
        @DisplayName("refuses a display name that is blank or holds control characters")
        void badDisplayNameRefused(String name) {
            assertRefused("initiator.displayName", () -> new Initiator.User("u1", name), "1-200 printable characters");
        }

        @Test
        @DisplayName("refuses null parts naming them")
        void nullsRefused() {
            assertRefused("initiator.userId", () -> new Initiator.User(null, "Ada"), "required");
            assertRefused("initiator.displayName", () -> new Initiator.User("u1", null), "required");
        }
    }

    @Nested
    @DisplayName("a system initiator")
    class SystemInitiator {

        @Test
        @DisplayName("shows its name as the display name")
        void displayNameIsId() {
            Initiator.System s = new Initiator.System("inventory-scheduler");
            assertEquals("inventory-scheduler", s.id());
            assertEquals("inventory-scheduler", s.displayName());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "nightly sync", "sync\n"})
        @DisplayName("refuses a blank name or one with whitespace")
        void badNameRefused(String name) {
            assertRefused("initiator.system", () -> new Initiator.System(name), "without whitespace");
        }

        @Test
        @DisplayName("accepts 200 characters and refuses 201")
        void lengthBoundary() {
            assertEquals(200, new Initiator.System("s".repeat(200)).id().length());
            assertRefused("initiator.system", () -> new Initiator.System("s".repeat(201)), "1-200");
        }
    }

    @Nested
    @DisplayName("a principal")
    class PrincipalValue {

        private final TenantId acme = TenantId.of("acme");

        @Test
        @DisplayName("knows its role per tenant and none elsewhere")
        void roles() {
            Principal p = new Principal("u1", "Ada", Map.of(acme, TenantRole.OPERATOR));
            assertEquals(Optional.of(TenantRole.OPERATOR), p.roleIn(acme));
            assertEquals(Optional.empty(), p.roleIn(TenantId.of("other")));
        }

        @Test
        @DisplayName("becomes the user initiator of the same id and name")
        void asInitiator() {
            Principal p = new Principal("u1", "Ada L.", Map.of());
            assertEquals(new Initiator.User("u1", "Ada L."), p.asInitiator());
        }

        @Test
        @DisplayName("copies the roles, so later changes do not reach it")
        void rolesCopied() {
            Map<TenantId, TenantRole> roles = new HashMap<>();
            roles.put(acme, TenantRole.OWNER);
            Principal p = new Principal("u1", "Ada", roles);
            roles.put(acme, TenantRole.READONLY);
            assertEquals(Optional.of(TenantRole.OWNER), p.roleIn(acme));
            assertThrows(UnsupportedOperationException.class, () -> p.roles().clear());
        }

        @Test
        @DisplayName("applies the initiator's rules to its id and name, and requires roles")
        void validated() {
            assertRefused("initiator.userId", () -> new Principal("a b", "Ada", Map.of()));
            assertRefused("initiator.displayName", () -> new Principal("u1", "", Map.of()));
            assertRefused("roles", () -> new Principal("u1", "Ada", null), "required");
        }

        @Test
        @DisplayName("only owners, managers and operators can start runs")
        void rolesThatStart() {
            assertTrue(TenantRole.OWNER.canStartRuns());
            assertTrue(TenantRole.MANAGER.canStartRuns());
            assertTrue(TenantRole.OPERATOR.canStartRuns());
            assertEquals(false, TenantRole.READONLY.canStartRuns());
        }
    }
}
