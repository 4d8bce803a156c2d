package dev.opsruns.core;

import static dev.opsruns.core.InputAssertions.assertRefused;
import static dev.opsruns.core.TestMaps.list;
import static dev.opsruns.core.TestMaps.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("RunContext: a JSON object of at most 16 KiB")
class RunContextTest {

    private static int jsonBytes(RunContext c) {
        return c.toJson().getBytes(StandardCharsets.UTF_8).length;
    }

    @Nested
    @DisplayName("value types")
    class ValueTypes {

        @Test
        @DisplayName("accepts strings, booleans, integers, null, lists and objects")
        void jsonValuesAccepted() {
            RunContext c = RunContext.of(obj("s", "x", "t", true, "f", false, "i", 1, "l", 2L, "sh", (short) 3,
                    "b", (byte) 4, "bi", BigInteger.TEN.pow(30), "n", null, "list", list(1, "a", null, list()),
                    "o", obj("k", obj())));
            assertEquals("{\"b\":4,\"bi\":1000000000000000000000000000000,\"f\":false,\"i\":1,\"l\":2,"
                    + "\"list\":[1,\"a\",null,[]],\"o\":{\"k\":{}},\"s\":\"x\",\"sh\":3,\"t\":true}", c.toJson());
        }

        static Stream<Arguments> nonJsonValues() {
            return Stream.of(
                    Arguments.of(1.0d, "java.lang.Double"),
                    Arguments.of(1.0f, "java.lang.Float"),
                    Arguments.of(BigDecimal.ONE, "java.math.BigDecimal"),
                    Arguments.of(new AtomicInteger(1), "java.util.concurrent.atomic.AtomicInteger"),
                    Arguments.of(new Object(), "java.lang.Object"),
                    Arguments.of(Instant.EPOCH, "java.time.Instant"),
                    Arguments.of('c', "java.lang.Character"),
                    Arguments.of(new int[] {1}, "[I"),
                    Arguments.of(new String[] {"a"}, "[Ljava.lang.String;"),
                    Arguments.of(Set.of("a"), "java.util."),
                    Arguments.of(Optional.of("a"), "java.util.Optional"),
                    Arguments.of(UUID.randomUUID(), "java.util.UUID"),
                    Arguments.of(RunStatus.PENDING, "dev.opsruns.core.RunStatus"),
                    Arguments.of(new StringBuilder("a"), "java.lang.StringBuilder"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("nonJsonValues")
        @DisplayName("refuses a non-JSON value at the top level, naming its path and type")
        void nonJsonRefusedAtTopLevel(Object value, String typeName) {
            assertRefused("context.a", () -> RunContext.of(obj("a", value)),
                    "must be a string, boolean, integer, null, list or object", typeName);
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("nonJsonValues")
        @DisplayName("refuses a non-JSON value deep inside, naming the path like context.a.b[2]")
        void nonJsonRefusedDeep(Object value, String typeName) {
            assertRefused("context.a.b[2]", () -> RunContext.of(obj("a", obj("b", list(1, "x", value)))), typeName);
            assertRefused("context.l[0][1].k", () -> RunContext.of(obj("l", list(list(1, obj("k", value))))));
        }

        @Test
        @DisplayName("says that only integers are accepted when given a decimal number")
        void decimalsExplained() {
            assertRefused("context.price", () -> RunContext.of(obj("price", 9.99)), "only integers are accepted");
            assertRefused("context.price", () -> RunContext.of(obj("price", new BigDecimal("10"))),
                    "only integers are accepted");
        }

        @Test
        @SuppressWarnings("unchecked")
        @DisplayName("refuses non-string keys at any depth, naming the object that holds them")
        void nonStringKeysRefused() {
            Map<Object, Object> intKey = new HashMap<>();
            intKey.put(1, "x");
            assertRefused("context", () -> RunContext.of((Map<String, ?>) (Map<?, ?>) intKey),
                    "keys must be strings", "java.lang.Integer");
            assertRefused("context.a", () -> RunContext.of(obj("a", intKey)), "keys must be strings");
            Map<Object, Object> nullKey = new HashMap<>();
            nullKey.put(null, "x");
            assertRefused("context.a[0]", () -> RunContext.of(obj("a", list(nullKey))), "keys must be strings",
                    "found null");
        }

        @Test
        @DisplayName("refuses a null map naming the field")
        void nullMapRefused() {
            assertRefused("context", () -> RunContext.of(null), "required");
        }
    }

    @Nested
    @DisplayName("strings")
    class Strings {

        @Test
        @DisplayName("refuses the NUL character in a value or a key")
        void nulRefused() {
            assertRefused("context.a", () -> RunContext.of(obj("a", "x\u0000y")), "NUL");
            assertRefused("context.a[1]", () -> RunContext.of(obj("a", list("ok", "\u0000"))), "NUL");
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> RunContext.of(obj("k\u0000", 1)));
            assertTrue(e.field().startsWith("context.k"), e.field());
            assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        }

        @Test
        @DisplayName("refuses lone surrogates in values and keys, accepts proper pairs")
        void loneSurrogatesRefused() {
            assertRefused("context.a", () -> RunContext.of(obj("a", "x\uD800y")), "lone surrogate at index 1");
            assertRefused("context.a", () -> RunContext.of(obj("a", "\uDC00")), "lone surrogate");
            assertRefused("context.a", () -> RunContext.of(obj("a", "end\uD83D")), "lone surrogate at index 3");
            assertRefused("context.a", () -> RunContext.of(obj("a", "\uDE00\uD83D")), "lone surrogate at index 0");
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> RunContext.of(obj("k\uD800", 1)));
            assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
            assertEquals("{\"a\":\"😀\"}", RunContext.of(obj("a", "\uD83D\uDE00")).toJson());
        }

        @Test
        @DisplayName("accepts other control characters, escaped in the JSON")
        void otherControlCharactersAccepted() {
            assertEquals("{\"a\":\"\\u0001\\n\\u001f\"}", RunContext.of(obj("a", "\u0001\n\u001f")).toJson());
        }
    }

    @Nested
    @DisplayName("size limit of 16 KiB of UTF-8 canonical JSON")
    class Size {

        @Test
        @DisplayName("accepts exactly 16384 bytes and refuses 16385 (ASCII)")
        void asciiBoundary() {
            // {"k":"…"} is 8 bytes around the string
            RunContext max = RunContext.of(obj("k", "x".repeat(16384 - 8)));
            assertEquals(RunContext.MAX_BYTES, jsonBytes(max));
            assertEquals(16384, RunContext.MAX_BYTES);
            assertRefused("context", () -> RunContext.of(obj("k", "x".repeat(16385 - 8))),
                    "at most 16384 bytes", "16385 bytes");
        }

        @Test
        @DisplayName("counts multi-byte UTF-8 characters as bytes, not chars")
        void multiByteBoundary() {
            // é is 2 bytes, € is 3 bytes, 😀 is 4 bytes (2 chars)
            String s = "é".repeat(4000) + "€".repeat(1000) + "😀".repeat(500) + "x".repeat(3376);
            assertEquals(8000 + 3000 + 2000 + 3376, s.getBytes(StandardCharsets.UTF_8).length);
            RunContext max = RunContext.of(obj("k", s));
            assertEquals(16384, jsonBytes(max));
            assertTrue(max.toJson().length() < 16384);
            assertRefused("context", () -> RunContext.of(obj("k", s + "x")), "16385 bytes");
            assertRefused("context", () -> RunContext.of(obj("k", "é".repeat(8192))), "16392 bytes");
        }

        @Test
        @DisplayName("counts escapes as they appear in the JSON")
        void escapesCount() {
            // each \u0001 is written as 6 bytes, each newline as 2
            String s = "\u0001".repeat(2000) + "\n".repeat(2000) + "x".repeat(16384 - 8 - 12000 - 4000);
            assertEquals(16384, jsonBytes(RunContext.of(obj("k", s))));
            assertRefused("context", () -> RunContext.of(obj("k", s + "\n")), "16386 bytes");
        }

        @Test
        @DisplayName("counts keys and structure, and dropped null members do not count")
        void structureCounts() {
            // {"a":"…","b":[1,2]} = 1 + 4 + 2 + n + 1 + 4 + 5 + 1 = 18 + n
            Map<String, Object> atMax = obj("a", "x".repeat(16384 - 18), "b", list(1, 2), "dropped", null);
            assertEquals(16384, jsonBytes(RunContext.of(atMax)));
            assertRefused("context", () -> RunContext.of(obj("a", "x".repeat(16384 - 18), "b", list(1, 22))));
        }
    }

    @Nested
    @DisplayName("nesting")
    class Nesting {

        private Map<String, Object> nestedMaps(int levels) {
            Map<String, Object> inner = obj("leaf", 1);
            for (int i = 1; i < levels; i++) {
                inner = obj("a", inner);
            }
            return obj("a", inner);
        }

        private Map<String, Object> nestedLists(int levels) {
            Object inner = list(1);
            for (int i = 1; i < levels; i++) {
                inner = list(inner);
            }
            return obj("a", inner);
        }

        @Test
        @DisplayName("accepts 32 levels of objects or lists inside the context and refuses 33")
        void depthLimit() {
            assertEquals(32, dev.opsruns.core.internal.CanonicalJson.MAX_DEPTH);
            assertFalse(RunContext.of(nestedMaps(32)).isEmpty());
            assertFalse(RunContext.of(nestedLists(32)).isEmpty());
            InvalidRunInputException maps = assertThrows(InvalidRunInputException.class,
                    () -> RunContext.of(nestedMaps(33)));
            assertTrue(maps.field().startsWith("context.a.a"), maps.field());
            assertTrue(maps.getMessage().contains("deeper than 32"), maps.getMessage());
            InvalidRunInputException lists = assertThrows(InvalidRunInputException.class,
                    () -> RunContext.of(nestedLists(33)));
            assertTrue(lists.field().startsWith("context.a[0][0]"), lists.field());
            assertTrue(lists.getMessage().contains("deeper than 32"), lists.getMessage());
        }

        @Test
        @DisplayName("counts objects and lists together")
        void mixedDepth() {
            Object inner = 1;
            for (int i = 0; i < 33; i++) {
                inner = i % 2 == 0 ? list(inner) : obj("m", inner);
            }
            Object deep = inner;
            InvalidRunInputException e = assertThrows(InvalidRunInputException.class,
                    () -> RunContext.of(obj("a", deep)));
            assertTrue(e.field().startsWith("context.a[0].m[0].m"), e.field());
            assertTrue(e.getMessage().contains("deeper than 32"), e.getMessage());
        }

        @Test
        @DisplayName("refuses very deep input cleanly instead of overflowing the stack")
        void veryDeepRefused() {
            Object inner = 1;
            for (int i = 0; i < 100_000; i++) {
                inner = list(inner);
            }
            Object deep = inner;
            assertThrows(InvalidRunInputException.class, () -> RunContext.of(obj("a", deep)));
        }
    }

    @Nested
    @DisplayName("normalization")
    class Normalization {

        @Test
        @DisplayName("drops null members, keeps nulls in lists")
        void nullMembersDropped() {
            RunContext c = RunContext.of(obj("a", null, "b", obj("c", null, "d", 1), "l", list(null, obj("x", null))));
            assertFalse(c.asMap().containsKey("a"));
            assertEquals(Map.of("d", 1L), c.asMap().get("b"));
            assertEquals(java.util.Arrays.asList(null, Map.of()), c.asMap().get("l"));
            assertEquals("{\"b\":{\"d\":1},\"l\":[null,{}]}", c.toJson());
        }

        @Test
        @DisplayName("a context of only null members is the empty context")
        void allNullIsEmpty() {
            RunContext c = RunContext.of(obj("a", null));
            assertTrue(c.isEmpty());
            assertEquals(RunContext.empty(), c);
            assertEquals("{}", c.toJson());
            assertSame(RunContext.empty(), RunContext.of(Map.of()));
        }

        @Test
        @DisplayName("normalizes integers to Long, and to BigInteger only beyond long")
        void integersNormalized() {
            BigInteger huge = BigInteger.TWO.pow(64);
            RunContext c = RunContext.of(obj("i", 1, "s", (short) 2, "b", (byte) 3, "bi", BigInteger.valueOf(4),
                    "huge", huge, "l", list(5, BigInteger.valueOf(-6))));
            assertEquals(1L, c.asMap().get("i"));
            assertEquals(2L, c.asMap().get("s"));
            assertEquals(3L, c.asMap().get("b"));
            assertEquals(4L, c.asMap().get("bi"));
            assertEquals(huge, c.asMap().get("huge"));
            assertEquals(List.of(5L, -6L), c.asMap().get("l"));
            assertInstanceOf(Long.class, c.asMap().get("bi"));
        }

        @Test
        @DisplayName("keeps keys sorted")
        void keysSorted() {
            RunContext c = RunContext.of(obj("c", 1, "a", 2, "b", obj("z", 1, "y", 2)));
            assertEquals(List.of("a", "b", "c"), List.copyOf(c.asMap().keySet()));
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) c.asMap().get("b");
            assertEquals(List.of("y", "z"), List.copyOf(b.keySet()));
        }

        @Test
        @DisplayName("asMap and every nested map and list are unmodifiable")
        void immutable() {
            RunContext c = RunContext.of(obj("m", obj("k", list(1, obj("x", 1)))));
            assertThrows(UnsupportedOperationException.class, () -> c.asMap().put("new", 1));
            assertThrows(UnsupportedOperationException.class, () -> c.asMap().remove("m"));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) c.asMap().get("m");
            assertThrows(UnsupportedOperationException.class, () -> m.put("new", 1));
            @SuppressWarnings("unchecked")
            List<Object> k = (List<Object>) m.get("k");
            assertThrows(UnsupportedOperationException.class, () -> k.add(2));
            assertThrows(UnsupportedOperationException.class, () -> k.set(0, 2));
            @SuppressWarnings("unchecked")
            Map<String, Object> x = (Map<String, Object>) k.get(1);
            assertThrows(UnsupportedOperationException.class, () -> x.clear());
        }

        @Test
        @DisplayName("later changes to the caller's maps and lists do not reach the context")
        void defensiveCopy() {
            List<Object> ids = list("p1");
            Map<String, Object> inner = obj("ids", ids);
            Map<String, Object> source = obj("inner", inner);
            RunContext c = RunContext.of(source);
            String before = c.toJson();
            ids.add("p2");
            inner.put("extra", 1);
            source.put("more", true);
            assertEquals(before, c.toJson());
            assertEquals("{\"inner\":{\"ids\":[\"p1\"]}}", c.toJson());
            assertEquals(before, RunContext.of(obj("inner", obj("ids", list("p1")))).toJson());
        }
    }

    @Nested
    @DisplayName("access and equality")
    class AccessAndEquality {

        @Test
        @DisplayName("equal content gives equal contexts, whatever the order or integer type")
        void equality() {
            RunContext a = RunContext.of(obj("x", 1, "y", list("a")));
            RunContext b = RunContext.builder().put("y", List.of("a")).put("x", BigInteger.ONE).build();
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertNotEquals(a, RunContext.of(obj("x", "1", "y", list("a"))));
            assertEquals(a.toJson(), a.toString());
        }

        @Test
        @DisplayName("get and getString read members")
        void getters() {
            RunContext c = RunContext.of(obj("s", "v", "n", 1));
            assertEquals(Optional.of("v"), c.get("s"));
            assertEquals(Optional.of("v"), c.getString("s"));
            assertEquals(Optional.of(1L), c.get("n"));
            assertEquals(Optional.empty(), c.getString("n"));
            assertEquals(Optional.empty(), c.get("missing"));
            assertEquals(Optional.empty(), c.getString("missing"));
        }

        @Test
        @DisplayName("the builder validates once, in build()")
        void builderValidatesInBuild() {
            RunContext.Builder builder = RunContext.builder().put("bad", 1.5);
            assertRefused("context.bad", builder::build);
            assertThrows(NullPointerException.class, () -> RunContext.builder().put(null, 1));
        }
    }
}
