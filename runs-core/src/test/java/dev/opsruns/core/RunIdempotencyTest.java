package dev.opsruns.core;

import static dev.opsruns.core.TestMaps.list;
import static dev.opsruns.core.TestMaps.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsruns.core.internal.CanonicalJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RunIdempotency.buildKey (DESIGN §6)")
class RunIdempotencyTest {

    private static String key(String tenant, String runType, Map<String, ?> context) {
        return RunIdempotency.buildKey(tenant, runType, context).value();
    }

    private static String key(Map<String, ?> context) {
        return key("acme", "drift.generate", context);
    }

    @Nested
    @DisplayName("golden vectors: a key, once shipped, never changes")
    class GoldenVectors {

        static Stream<Arguments> vectors() {
            return Stream.of(
                    Arguments.of("t1", "drift.generate", obj(),
                            "b8260c2f488a620eb9120bdf804f05afb28d5d003cf5291bbde72652176d8a15"),
                    Arguments.of("acme", "drift.generate", obj(
                                    "scope_key", "tenant:acme/all",
                                    "baseline_run_id", "0190f5f2-7b1c-7a3e-9c4d-2b6f0e1a2b3c",
                                    "current_run_id", "0190f5f3-0000-7000-8000-000000000001"),
                            "38dff9b350a6127d4d6f99019e1827d08f713ceef6a8d9a1cbeae86c9c9279b6"),
                    Arguments.of("acme", "backup_set.add_policies",
                            obj("backup_set_id", "bs-42", "policy_ids", list("p3", "p1", "p2")),
                            "710decf8afac7329b51aa4baf8c5096a9e9371516af41893fab7aa1d80dcc5a9"),
                    Arguments.of("acme", "drift.generate", obj("n", 1),
                            "339167e5ac722bba8a3b7c0e45f077cef0135045ecefaff7686808c3233acc11"),
                    Arguments.of("acme", "drift.generate", obj("n", "1"),
                            "ebfcc2e4cdc5931920d6d4b09b4f2b870c81ea73fdaab94c59846bc9b85c1cf1"),
                    Arguments.of("acme", "drift.generate", obj("n", true),
                            "100db632bab9a4cdac8d6ac058d7c79efe1d5f864746b82d4690a0a498569a3c"),
                    Arguments.of("acme", "drift.generate", obj(
                                    "big", BigInteger.TWO.pow(70),
                                    "min", Long.MIN_VALUE,
                                    "neg", BigInteger.TWO.pow(70).negate()),
                            "4113e7ac241db8354088688cc185b112ba43ecf7243fb309fe223002b23e0519"),
                    Arguments.of("acme", "drift.generate",
                            obj("nested", obj("z", list(1, obj("b", null, "a", list())), "a", obj())),
                            "01ace22d7eda7dc21866fb6ebb4301fc407ce44378ebb1490cf5dd81603c2a56"),
                    Arguments.of("tenant-ü😀", "x.y",
                            obj("ключ", "значение", "emoji", "😀", "ctl", "a\u001fb\n\t\"\\"),
                            "d3d0f93b0f2372e7353f3db2b92e344e22b6fbf31adbcd2da6f3bae5b21a3d58"),
                    Arguments.of("a", "b.c", obj("a", "b\",\"c\":\"d"),
                            "e68d929d0da2e1697c8908e73c9bad1db79e731e2bb698d53daeb28ed08feb0b"),
                    Arguments.of("a", "b.c", obj("a", "b", "c", "d"),
                            "947e7fa5bcd0ea00307899ca758708bd0c304c5e520bed31ca50a79786db0394"),
                    Arguments.of("T".repeat(64), "r".repeat(31) + "." + "a".repeat(32),
                            obj("list", list(null, false, 0, -1)),
                            "d119eeaf32b86a1b5a90dc89faca36ce158fb806158d806268a4a4d70d43e603"));
        }

        @ParameterizedTest(name = "[{index}] tenant={0}, runType={1}, context={2}")
        @MethodSource("vectors")
        @DisplayName("each pinned (tenant, run type, context) still gives its pinned key")
        void pinnedInputsGiveThePinnedKey(String tenant, String runType, Map<String, Object> context, String expected) {
            assertEquals(expected, key(tenant, runType, context));
        }

        @Test
        @DisplayName("the key is the SHA-256 of the version prefix and the canonical JSON envelope")
        void keyIsTheSha256OfTheDocumentedCanonicalText() throws Exception {
            String canonical = "opsruns.idempotency.v1\n"
                    + "{\"context\":{\"n\":1,\"s\":\"x\"},\"runType\":\"drift.generate\",\"tenantId\":\"acme\"}";
            String expected = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, key(obj("s", "x", "n", 1)));
        }
    }

    @Nested
    @DisplayName("key format")
    class KeyFormat {

        @Test
        @DisplayName("a key is 64 lowercase hex characters")
        void keyIs64LowercaseHex() {
            for (Map<String, Object> context : List.of(obj(), obj("a", 1), obj("x", list("y", obj("z", true))))) {
                String k = key(context);
                assertTrue(k.matches("[0-9a-f]{64}"), k);
            }
        }

        @Test
        @DisplayName("the typed and the string overloads give the same key")
        void typedAndStringOverloadsAgree() {
            Map<String, Object> context = obj("scope_key", "s", "ids", list(1, 2));
            assertEquals(key("acme", "drift.generate", context),
                    RunIdempotency.buildKey(TenantId.of("acme"), RunType.of("drift.generate"), RunContext.of(context))
                            .value());
        }

        @Test
        @DisplayName("the same input always gives the same key")
        void deterministic() {
            Map<String, Object> context = obj("a", list(1, "2", obj("b", false)));
            assertEquals(key(context), key(context));
        }

        @Test
        @DisplayName("null arguments are refused naming the argument")
        void nullArgumentsRefused() {
            TenantId t = TenantId.of("acme");
            RunType r = RunType.of("drift.generate");
            RunContext c = RunContext.empty();
            assertEquals("tenantId", assertThrows(InvalidRunInputException.class,
                    () -> RunIdempotency.buildKey(null, r, c)).field());
            assertEquals("runType", assertThrows(InvalidRunInputException.class,
                    () -> RunIdempotency.buildKey(t, null, c)).field());
            assertEquals("context", assertThrows(InvalidRunInputException.class,
                    () -> RunIdempotency.buildKey(t, r, null)).field());
        }

        @Test
        @DisplayName("invalid tenant, run type or context in the string overload are refused before hashing")
        void invalidPartsRefused() {
            assertEquals("tenantId", assertThrows(InvalidRunInputException.class,
                    () -> key("a b", "drift.generate", obj())).field());
            assertEquals("runType", assertThrows(InvalidRunInputException.class,
                    () -> key("acme", "drift", obj())).field());
            assertEquals("context.x", assertThrows(InvalidRunInputException.class,
                    () -> key("acme", "drift.generate", obj("x", 1.5))).field());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "abc", "B8260C2F488A620EB9120BDF804F05AFB28D5D003CF5291BBDE72652176D8A15",
                "b8260c2f488a620eb9120bdf804f05afb28d5d003cf5291bbde72652176d8a1",
                "b8260c2f488a620eb9120bdf804f05afb28d5d003cf5291bbde72652176d8a15a",
                "g8260c2f488a620eb9120bdf804f05afb28d5d003cf5291bbde72652176d8a15"})
        @DisplayName("an IdempotencyKey that is not 64 lowercase hex characters is refused")
        void idempotencyKeyValueValidated(String value) {
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class, () -> new IdempotencyKey(value));
            assertEquals("idempotencyKey", e.field());
            assertTrue(e.getMessage().contains("64 lowercase hex"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("map order never matters, at any depth")
    class MapOrder {

        private Map<String, Object> deep(Map<String, Object> m1, Map<String, Object> m2, Map<String, Object> m3,
                Map<String, Object> m4, boolean reversed) {
            // level 4
            put(m4, reversed, "delta", 4, "alpha", "x", "charlie", true);
            // level 3, holding level 4 inside a list
            put(m3, reversed, "z", list("keep", m4), "a", 3, "m", "mid");
            // level 2
            put(m2, reversed, "inner", m3, "b", 2, "a", list(1, 2, 3));
            // level 1 (the context itself)
            put(m1, reversed, "scope", "s", "outer", m2, "count", 1);
            return m1;
        }

        private void put(Map<String, Object> m, boolean reversed, Object... kv) {
            if (reversed) {
                for (int i = kv.length - 2; i >= 0; i -= 2) {
                    m.put((String) kv[i], kv[i + 1]);
                }
            } else {
                for (int i = 0; i < kv.length; i += 2) {
                    m.put((String) kv[i], kv[i + 1]);
                }
            }
        }

        @Test
        @DisplayName("nested maps filled in opposite orders give the same key")
        void insertionOrderIrrelevantAtEveryDepth() {
            Map<String, Object> forward = deep(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                    new LinkedHashMap<>(), false);
            Map<String, Object> backward = deep(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                    new LinkedHashMap<>(), true);
            assertNotEquals(List.copyOf(forward.keySet()), List.copyOf(backward.keySet()), "precondition: orders differ");
            assertEquals(key(forward), key(backward));
        }

        @Test
        @DisplayName("LinkedHashMap, TreeMap, HashMap and Map.of at each level give the same key")
        void mapImplementationIrrelevant() {
            String linked = key(deep(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                    new LinkedHashMap<>(), true));
            String tree = key(deep(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), false));
            String hash = key(deep(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), true));
            String mixed = key(deep(new HashMap<>(), new TreeMap<>(), new LinkedHashMap<>(), new HashMap<>(), false));
            Map<String, Object> immutable = Map.of("count", 1, "scope", "s", "outer", Map.of(
                    "a", List.of(1, 2, 3), "b", 2, "inner", Map.of(
                            "m", "mid", "a", 3, "z", List.of("keep", Map.of("charlie", true, "alpha", "x", "delta", 4)))));
            assertEquals(linked, tree);
            assertEquals(linked, hash);
            assertEquals(linked, mixed);
            assertEquals(linked, key(immutable));
        }

        @Test
        @DisplayName("a map inside a list inside a map is order-independent too")
        void mapsInsideListsAreSorted() {
            Map<String, Object> a = obj("items", list(obj("id", 1, "name", "x"), obj("b", list(obj("q", 1, "p", 2)))));
            Map<String, Object> b = obj("items", list(obj("name", "x", "id", 1), obj("b", list(obj("p", 2, "q", 1)))));
            assertEquals(key(a), key(b));
        }

        @Test
        @DisplayName("keys sort by UTF-16 code units, as RFC 8785 says, whatever the input order")
        void keysSortByUtf16() {
            Map<String, Object> a = obj("\uFF21", 1, "😀", 2, "a", 3, "B", 4);
            Map<String, Object> b = obj("B", 4, "a", 3, "😀", 2, "\uFF21", 1);
            assertEquals(key(a), key(b));
            assertEquals("{\"B\":4,\"a\":3,\"😀\":2,\"\uFF21\":1}", RunContext.of(a).toJson());
        }
    }

    @Nested
    @DisplayName("list order always matters")
    class ListOrder {

        @Test
        @DisplayName("the same elements in another order give another key")
        void listOrderSignificant() {
            assertNotEquals(key(obj("ids", list("p1", "p2", "p3"))), key(obj("ids", list("p3", "p2", "p1"))));
            assertNotEquals(key(obj("ids", list(1, 2))), key(obj("ids", list(2, 1))));
        }

        @Test
        @DisplayName("nested list order matters too")
        void nestedListOrderSignificant() {
            assertNotEquals(key(obj("a", obj("b", list(list(1, 2), list(3))))),
                    key(obj("a", obj("b", list(list(3), list(1, 2))))));
            assertNotEquals(key(obj("a", list(list(1, 2), list(3)))), key(obj("a", list(list(1), list(2, 3)))));
        }

        @Test
        @DisplayName("ArrayList, List.of and Arrays.asList with the same elements give the same key")
        void listImplementationIrrelevant() {
            assertEquals(key(obj("l", new ArrayList<>(List.of(1, "a")))), key(obj("l", List.of(1, "a"))));
            assertEquals(key(obj("l", java.util.Arrays.asList(1, "a"))), key(obj("l", List.of(1, "a"))));
        }
    }

    @Nested
    @DisplayName("types are told apart")
    class Types {

        @Test
        @DisplayName("\"1\", 1, true and \"true\" give four different keys")
        void scalarTypesDistinct() {
            Set<String> keys = Set.of(key(obj("v", "1")), key(obj("v", 1)), key(obj("v", true)), key(obj("v", "true")));
            assertEquals(4, keys.size());
        }

        @Test
        @DisplayName("false, 0, \"\", \"false\", \"0\" and \"null\" give six different keys")
        void falsyValuesDistinct() {
            Set<String> keys = Set.of(key(obj("v", false)), key(obj("v", 0)), key(obj("v", "")),
                    key(obj("v", "false")), key(obj("v", "0")), key(obj("v", "null")));
            assertEquals(6, keys.size());
        }

        @Test
        @DisplayName("an empty list, an empty map, an empty string and an absent key differ")
        void emptyContainersDistinctFromAbsent() {
            Set<String> keys = Set.of(key(obj("v", list())), key(obj("v", obj())), key(obj("v", "")), key(obj()),
                    key(obj("v", "[]")), key(obj("v", "{}")));
            assertEquals(6, keys.size());
        }

        @Test
        @DisplayName("a one-element list differs from its element, and a string from a list of its characters")
        void listDiffersFromScalar() {
            assertNotEquals(key(obj("v", list(1))), key(obj("v", 1)));
            assertNotEquals(key(obj("v", "ab")), key(obj("v", list("a", "b"))));
            assertNotEquals(key(obj("v", list(list()))), key(obj("v", list())));
        }
    }

    @Nested
    @DisplayName("integers compare by value, whatever their Java type")
    class Integers {

        @Test
        @DisplayName("1, 1L, (short) 1, (byte) 1 and BigInteger.ONE give the same key")
        void oneIsOne() {
            String expected = key(obj("n", 1));
            assertEquals(expected, key(obj("n", 1L)));
            assertEquals(expected, key(obj("n", (short) 1)));
            assertEquals(expected, key(obj("n", (byte) 1)));
            assertEquals(expected, key(obj("n", BigInteger.ONE)));
        }

        @Test
        @DisplayName("the same holds inside nested lists and maps")
        void nestedIntegersByValue() {
            assertEquals(key(obj("a", list(1, obj("b", 2L)))),
                    key(obj("a", list(BigInteger.ONE, obj("b", (short) 2)))));
        }

        @Test
        @DisplayName("long extremes equal their BigInteger, and integers beyond long keep their exact value")
        void largeIntegers() {
            assertEquals(key(obj("n", Long.MAX_VALUE)), key(obj("n", BigInteger.valueOf(Long.MAX_VALUE))));
            assertEquals(key(obj("n", Long.MIN_VALUE)), key(obj("n", BigInteger.valueOf(Long.MIN_VALUE))));
            BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
            assertEquals(key(obj("n", beyond)), key(obj("n", new BigInteger("9223372036854775808"))));
            assertNotEquals(key(obj("n", beyond)), key(obj("n", Long.MAX_VALUE)));
            assertNotEquals(key(obj("n", beyond)), key(obj("n", Long.MIN_VALUE)));
            assertNotEquals(key(obj("n", beyond)), key(obj("n", beyond.negate())));
            assertEquals("{\"n\":9223372036854775808}", RunContext.of(obj("n", beyond)).toJson());
        }

        @Test
        @DisplayName("negative numbers and zero are distinct values")
        void signsDistinct() {
            assertNotEquals(key(obj("n", -1)), key(obj("n", 1)));
            assertEquals(key(obj("n", 0)), key(obj("n", -0L)));
            assertEquals(key(obj("n", -5)), key(obj("n", BigInteger.valueOf(-5))));
        }
    }

    @Nested
    @DisplayName("a null value is an absent key")
    class Nulls {

        @Test
        @DisplayName("a top-level null member is the same as no member")
        void topLevelNullIsAbsent() {
            assertEquals(key(obj("a", 1)), key(obj("a", 1, "b", null)));
            assertEquals(key(obj()), key(obj("b", null)));
        }

        @Test
        @DisplayName("a nested null member is the same as no member, at every depth")
        void nestedNullIsAbsent() {
            assertEquals(key(obj("x", obj("a", 1))), key(obj("x", obj("a", 1, "b", null))));
            assertEquals(key(obj("x", obj("y", obj("z", obj())))), key(obj("x", obj("y", obj("z", obj("q", null))))));
            assertEquals(key(obj("l", list(obj()))), key(obj("l", list(obj("a", null)))));
        }

        @Test
        @DisplayName("an object emptied by dropped nulls is still present, unlike an absent key")
        void emptiedObjectStillPresent() {
            assertNotEquals(key(obj()), key(obj("x", obj("b", null))));
            assertEquals(key(obj("x", obj())), key(obj("x", obj("b", null))));
        }

        @Test
        @DisplayName("a null inside a list is kept: [null] is not [] and [null, 1] is not [1]")
        void nullInListIsNotAbsent() {
            assertNotEquals(key(obj("l", list((Object) null))), key(obj("l", list())));
            assertNotEquals(key(obj("l", list(null, 1))), key(obj("l", list(1))));
            assertNotEquals(key(obj("l", list(null, 1))), key(obj("l", list(1, null))));
            assertNotEquals(key(obj("l", list((Object) null))), key(obj("l", list("null"))));
        }
    }

    @Nested
    @DisplayName("no delimiter ambiguity")
    class Delimiters {

        @Test
        @DisplayName("shifting characters between tenant and run type changes the key")
        void tenantAndRunTypeBoundary() {
            assertNotEquals(key("ab", "c.d", obj()), key("a", "bc.d", obj()));
            assertNotEquals(key("a.b", "c.d", obj()), key("a", "b.c", obj()));
            assertNotEquals(key("a", "b.c", obj()), key("a.b", "c.d", obj()));
        }

        @Test
        @DisplayName("a tenant or context that looks like the envelope does not collide with it")
        void envelopeInjection() {
            // Tenants may hold any printable non-space character, quotes and braces included.
            String injectedTenant = "x\",\"tenantId\":\"acme";
            assertNotEquals(key("acme", "b.c", obj()), key(injectedTenant, "b.c", obj()));
            assertNotEquals(key("acme", "b.c", obj("runType", "d.e")), key("acme", "d.e", obj()));
            assertNotEquals(key("acme", "b.c", obj("tenantId", "other")), key("other", "b.c", obj()));
            assertNotEquals(key("acme", "b.c", obj("context", obj())), key("acme", "b.c", obj()));
        }

        @Test
        @DisplayName("a string holding escaped JSON differs from the members it imitates")
        void quotesCannotSplitMembers() {
            assertNotEquals(key(obj("a", "b\",\"c\":\"d")), key(obj("a", "b", "c", "d")));
            assertNotEquals(key(obj("a\":\"b", "c")), key(obj("a", "b\":\"c")));
            assertNotEquals(key(obj("a", "b\"}")), key(obj("a", "b", "}", null)));
        }

        @Test
        @DisplayName("backslashes, commas, colons, brackets and control characters are not delimiters")
        void specialCharactersAreData() {
            Set<String> keys = Set.of(
                    key(obj("a", "b\\")), key(obj("a", "b\\\\")), key(obj("a", "b\\\"")),
                    key(obj("a,b", "c")), key(obj("a", ",b")), key(obj("a:b", "c")), key(obj("a", ":b")),
                    key(obj("a", "[1]")), key(obj("a", list(1))), key(obj("a", "{}")),
                    key(obj("a", "b\n")), key(obj("a", "b\\n")), key(obj("a", "b\u001f")), key(obj("a", "b\\u001f")),
                    key(obj("a", "b\r\n")), key(obj("a", "b\t")));
            assertEquals(16, keys.size());
        }

        @Test
        @DisplayName("list element boundaries are unambiguous")
        void listBoundaries() {
            assertNotEquals(key(obj("l", list("a,b"))), key(obj("l", list("a", "b"))));
            assertNotEquals(key(obj("l", list("a\",\"b"))), key(obj("l", list("a", "b"))));
            assertNotEquals(key(obj("l", list("ab", "c"))), key(obj("l", list("a", "bc"))));
        }

        @Test
        @DisplayName("unicode is data: composed and decomposed forms differ, as do lookalike letters")
        void unicode() {
            assertNotEquals(key(obj("name", "caf\u00e9")), key(obj("name", "cafe\u0301")));
            assertNotEquals(key(obj("name", "a")), key(obj("name", "\u0430")));
            assertEquals(key(obj("emoji", "😀")), key(obj("emoji", "\uD83D\uDE00")));
        }
    }

    @Nested
    @DisplayName("tenant and run type are part of the key")
    class Scope {

        @Test
        @DisplayName("another tenant gives another key")
        void tenantChangesKey() {
            assertNotEquals(key("acme", "drift.generate", obj("a", 1)), key("acme2", "drift.generate", obj("a", 1)));
            assertNotEquals(key("acme", "drift.generate", obj()), key("ACME", "drift.generate", obj()));
        }

        @Test
        @DisplayName("another run type gives another key")
        void runTypeChangesKey() {
            assertNotEquals(key("acme", "drift.generate", obj("a", 1)),
                    key("acme", "backup_set.add_policies", obj("a", 1)));
            assertNotEquals(key("acme", "drift.generate", obj()), key("acme", "drift.generatf", obj()));
        }

        @Test
        @DisplayName("another context value gives another key")
        void contextChangesKey() {
            assertNotEquals(key(obj("scope_key", "a")), key(obj("scope_key", "b")));
        }
    }

    @Nested
    @DisplayName("canonical JSON text")
    class CanonicalText {

        @Test
        @DisplayName("sorts keys, escapes minimally with lowercase hex, and has no whitespace")
        void rfc8785LikeOutput() {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("z", List.of(3, 1, 2));
            sample.put("b", obj("y", true, "x", false, "w", null));
            sample.put("a", "line\nbreak\ttab\r\b\f\u001f\u0001\u000b \"quoted\" back\\slash /slash \u007f é 😀");
            sample.put("n", Long.MIN_VALUE);
            sample.put("e", List.of());
            sample.put("o", Map.of());
            sample.put("m", list(null, "x"));
            String expected = "{\"a\":\"line\\nbreak\\ttab\\r\\b\\f\\u001f\\u0001\\u000b \\\"quoted\\\" back\\\\slash "
                    + "/slash \u007f é 😀\",\"b\":{\"x\":false,\"y\":true},\"e\":[],\"m\":[null,\"x\"],"
                    + "\"n\":-9223372036854775808,\"o\":{},\"z\":[3,1,2]}";
            assertEquals(expected, RunContext.of(sample).toJson());
            assertEquals(expected, CanonicalJson.write(CanonicalJson.normalizeObject(sample, "context")));
        }

        @Test
        @DisplayName("escapes every control character below U+0020 and nothing else in ASCII")
        void controlCharacterEscapes() {
            StringBuilder sb = new StringBuilder();
            for (char c = 1; c < 0x80; c++) {
                sb.append(c);
            }
            String json = RunContext.of(obj("s", sb.toString())).toJson();
            String expected = "{\"s\":\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                    + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a"
                    + "\\u001b\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@"
                    + "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\"}";
            assertEquals(expected, json);
        }
    }
}
