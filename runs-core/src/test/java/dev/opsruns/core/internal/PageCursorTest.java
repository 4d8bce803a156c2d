package dev.opsruns.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.InvalidRunInputException;
import dev.opsruns.core.RunFilter;
import dev.opsruns.core.RunId;
import dev.opsruns.core.RunType;
import dev.opsruns.core.StatusBucket;
import dev.opsruns.core.TenantId;
import dev.opsruns.core.internal.PageCursor.Direction;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PageCursor: the opaque keyset cursor")
class PageCursorTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.123456Z");
    private static final RunType DRIFT = RunType.of("drift.generate");
    private static final RunType BACKUP = RunType.of("backup_set.add_policies");
    private static final RunFilter FILTER = new RunFilter(Set.of(DRIFT, BACKUP),
            Set.of(StatusBucket.FAILED, StatusBucket.QUEUED), Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"));
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static RunId runId() {
        return RunId.generate(Clock.fixed(CREATED, ZoneOffset.UTC));
    }

    private static void assertInvalid(String text, TenantId tenant, RunFilter filter) {
        InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                () -> PageCursor.decode(text, tenant, filter), () -> "accepted: " + text);
        assertEquals("cursor", e.field(), e.getMessage());
    }

    private static void assertInvalid(String text) {
        assertInvalid(text, ACME, FILTER);
    }

    @Nested
    @DisplayName("round trip")
    class RoundTrip {

        @ParameterizedTest
        @EnumSource(Direction.class)
        @DisplayName("decode(encode(c)) gives c back, in both directions")
        void roundTrip(Direction direction) {
            PageCursor cursor = new PageCursor(direction, CREATED, runId());
            String text = cursor.encode(ACME, FILTER);
            assertEquals(cursor, PageCursor.decode(text, ACME, FILTER));
            assertEquals(cursor, PageCursor.decode(text, ACME, FILTER), "decoding is repeatable");
        }

        @Test
        @DisplayName("the two directions give different cursors for the same position")
        void directionsDiffer() {
            RunId id = runId();
            String older = new PageCursor(Direction.OLDER, CREATED, id).encode(ACME, FILTER);
            String newer = new PageCursor(Direction.NEWER, CREATED, id).encode(ACME, FILTER);
            assertNotEquals(older, newer);
            assertEquals(Direction.OLDER, PageCursor.decode(older, ACME, FILTER).direction());
            assertEquals(Direction.NEWER, PageCursor.decode(newer, ACME, FILTER).direction());
        }

        @Test
        @DisplayName("round-trips ALL, times before 1970, and far-future times")
        void edgeTimes() {
            for (Instant t : List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999999Z"),
                    Instant.parse("9999-12-31T23:59:59.999999Z"))) {
                PageCursor c = new PageCursor(Direction.OLDER, t, runId());
                assertEquals(c, PageCursor.decode(c.encode(ACME, RunFilter.ALL), ACME, RunFilter.ALL));
            }
        }

        @Test
        @DisplayName("keeps microseconds, the precision stores use, and drops nanoseconds")
        void microsecondPrecision() {
            RunId id = runId();
            PageCursor c = new PageCursor(Direction.OLDER, CREATED.plusNanos(789), id);
            assertEquals(new PageCursor(Direction.OLDER, CREATED, id),
                    PageCursor.decode(c.encode(ACME, FILTER), ACME, FILTER));
        }

        @Test
        @DisplayName("is URL-safe text without padding")
        void urlSafe() {
            String text = new PageCursor(Direction.NEWER, CREATED, runId()).encode(ACME, FILTER);
            assertTrue(text.matches("[A-Za-z0-9_-]+"), text);
        }

        @Test
        @DisplayName("an equal filter built from other set types and orders accepts the cursor")
        void equalFilterAccepted() {
            String text = new PageCursor(Direction.OLDER, CREATED, runId()).encode(ACME, FILTER);
            Set<RunType> types = new LinkedHashSet<>(List.of(BACKUP, DRIFT));
            Set<StatusBucket> buckets = new HashSet<>(List.of(StatusBucket.QUEUED, StatusBucket.FAILED));
            RunFilter same = new RunFilter(types, buckets, FILTER.from(), FILTER.to());
            assertEquals(CREATED, PageCursor.decode(text, TenantId.of("acme"), same).createdAt());
        }
    }

    @Nested
    @DisplayName("tampering")
    class Tampering {

        private final String valid = new PageCursor(Direction.OLDER, CREATED, runId()).encode(ACME, FILTER);

        @Test
        @DisplayName("changing any single character is refused")
        void everySingleCharacterChangeRefused() {
            for (int i = 0; i < valid.length(); i++) {
                for (int shift : new int[] {1, 17, 32}) {
                    char original = valid.charAt(i);
                    char replacement = BASE64URL.charAt((BASE64URL.indexOf(original) + shift) % 64);
                    assertInvalid(valid.substring(0, i) + replacement + valid.substring(i + 1));
                }
            }
        }

        @Test
        @DisplayName("truncated, extended or padded cursors are refused")
        void lengthChangesRefused() {
            assertInvalid(valid.substring(0, valid.length() - 1));
            assertInvalid(valid.substring(0, valid.length() - 4));
            assertInvalid(valid.substring(0, valid.length() / 2));
            assertInvalid(valid.substring(1));
            assertInvalid(valid + "A");
            assertInvalid(valid + "AAAA");
            assertInvalid(valid + "=");
            assertInvalid(valid + "==");
        }

        @ParameterizedTest
        @ValueSource(strings = {"x", "garbage", "not a cursor", "!!!!", "====", "AAAA", "null", "{\"id\":1}",
                "0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c"})
        @DisplayName("garbage is refused, saying what a cursor is")
        void garbageRefused(String text) {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> PageCursor.decode(text, ACME, FILTER));
            assertEquals("cursor", e.field());
            assertTrue(e.getMessage().contains("olderCursor or newerCursor"), e.getMessage());
        }

        @Test
        @DisplayName("base64 of random bytes, of any length including the right one, is refused")
        void randomBytesRefused() {
            Random random = new Random(20240501L);
            for (int i = 0; i < 2000; i++) {
                byte[] bytes = new byte[i < 1000 ? 38 : random.nextInt(80)];
                random.nextBytes(bytes);
                if (i % 2 == 0 && bytes.length > 0) {
                    bytes[0] = 1; // the current version byte, so only the checksum can catch it
                }
                assertInvalid(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
                assertInvalid(Base64.getUrlEncoder().encodeToString(bytes));
            }
        }

        @Test
        @DisplayName("well-formed cursors with a valid checksum but impossible content are refused as cursor input")
        void forgedContentRefused() throws Exception {
            byte[] original = Base64.getUrlDecoder().decode(valid);
            assertEquals(38, original.length);

            byte[] badDirection = original.clone();
            badDirection[1] = 2;
            assertInvalid(reseal(badDirection));

            byte[] badVersion = original.clone();
            badVersion[0] = 2;
            assertInvalid(reseal(badVersion));

            byte[] v4 = original.clone();
            writeUuid(v4, UUID.randomUUID());
            assertInvalid(reseal(v4));

            for (long micros : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -62_135_596_800_000_001L, 253_402_300_800_000_000L}) {
                byte[] beyondStoredYears = original.clone();
                java.nio.ByteBuffer.wrap(beyondStoredYears, 2, 8).putLong(micros);
                assertInvalid(reseal(beyondStoredYears));
            }

            byte[] wrongVariant = original.clone();
            wrongVariant[18] = (byte) (wrongVariant[18] & 0x3F); // variant bits 10 -> 00, version still 7
            assertInvalid(reseal(wrongVariant));

            assertEquals(PageCursor.decode(valid, ACME, FILTER), PageCursor.decode(reseal(original.clone()), ACME, FILTER),
                    "precondition: resealing an untouched cursor keeps it valid");
        }

        private void writeUuid(byte[] bytes, UUID uuid) {
            java.nio.ByteBuffer.wrap(bytes, 10, 16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
        }

        /** Recomputes the 4-byte checksum (SHA-256 of the first 34 bytes) over edited content. */
        private String reseal(byte[] bytes) throws Exception {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, 34);
            System.arraycopy(md.digest(), 0, bytes, 34, 4);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    @Nested
    @DisplayName("scope")
    class Scope {

        private final String valid = new PageCursor(Direction.NEWER, CREATED, runId()).encode(ACME, FILTER);

        private void assertForeign(TenantId tenant, RunFilter filter) {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> PageCursor.decode(valid, tenant, filter));
            assertEquals("cursor", e.field());
            assertTrue(e.getMessage().contains("another listing"), e.getMessage());
        }

        @Test
        @DisplayName("a cursor from another tenant is refused")
        void otherTenantRefused() {
            assertForeign(TenantId.of("acme2"), FILTER);
            assertForeign(TenantId.of("ACME"), FILTER);
        }

        @Test
        @DisplayName("a cursor issued under other filters is refused")
        void otherFilterRefused() {
            assertForeign(ACME, RunFilter.ALL);
            assertForeign(ACME, FILTER.withRunTypes(Set.of(DRIFT)));
            assertForeign(ACME, FILTER.withRunTypes(Set.of()));
            assertForeign(ACME, FILTER.withBuckets(Set.of(StatusBucket.FAILED)));
            assertForeign(ACME, FILTER.withBuckets(Set.of(StatusBucket.FAILED, StatusBucket.QUEUED,
                    StatusBucket.RUNNING)));
            assertForeign(ACME, FILTER.withCreatedBetween(FILTER.from().plusNanos(1000), FILTER.to()));
            assertForeign(ACME, FILTER.withCreatedBetween(FILTER.from(), FILTER.to().minusNanos(1000)));
            assertForeign(ACME, FILTER.withCreatedBetween(null, FILTER.to()));
            assertForeign(ACME, FILTER.withCreatedBetween(FILTER.from(), null));
        }

        @Test
        @DisplayName("a cursor for ALL is not valid for a filtered listing and vice versa")
        void allVersusFiltered() {
            String all = new PageCursor(Direction.OLDER, CREATED, runId()).encode(ACME, RunFilter.ALL);
            assertThrows(InvalidRunInputException.class, () -> PageCursor.decode(all, ACME, FILTER));
            assertEquals(CREATED, PageCursor.decode(all, ACME, RunFilter.ALL).createdAt());
        }
    }
}
