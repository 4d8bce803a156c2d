package dev.opsruns.core.internal;

import dev.opsruns.core.InvalidRunInputException;

/** Argument checks that throw {@link InvalidRunInputException} naming the field. */
public final class Checks {

    private Checks() {
    }

    /**
     * @return {@code value} when not null
     * @throws InvalidRunInputException when null
     */
    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidRunInputException(field, "is required but was null");
        }
        return value;
    }

    /**
     * @return {@code value} when at least zero
     * @throws InvalidRunInputException when negative
     */
    public static long notNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidRunInputException(field, "must be zero or more but was " + value);
        }
        return value;
    }

    /** True when every char is a printable, non-whitespace char (no control, no space). */
    public static boolean isPrintableNoSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Shortens {@code s} for inclusion in an error message. */
    public static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.append('"').toString();
    }
}
