package dev.opsruns.hub.spi;

import dev.opsruns.hub.internal.DisplayTextOutput;
import gg.jte.TemplateOutput;
import gg.jte.html.HtmlTemplateOutput;

/**
 * The one rule for stored text a page shows (run context, failure messages, names, notification
 * bodies): characters that change how the text <em>around</em> them reads are shown as their code, such
 * as {@code [U+202E]}, instead of being passed to the browser. These are Unicode's bidirectional
 * controls (embeddings, overrides, isolates and marks: U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
 * U+061C), which would show {@code exe.[U+202E]txt} as {@code exe.txt} reversed, and the invisible C0
 * and C1 control characters other than tab, line feed and carriage return. Right-to-left letters are
 * text and stay as they are.
 *
 * <p>The hub's pages apply it to every value they show; a host that renders its own jte pages beside the
 * hub gets the same with {@link #html(TemplateOutput)}.
 */
public final class SafeText {

    private SafeText() {
    }

    /**
     * @param text any text, or null
     * @return the text with every control character named above replaced by its code, or null for null
     */
    public static String display(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (shownAsCode(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(String.format("[U+%04X]", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * @param output where a precompiled jte {@code Html} template writes
     * @return an output that escapes by context as jte's OWASP output does, after {@link #display} of
     *     every value the template writes; pass it to {@code TemplateEngine.render}
     */
    public static HtmlTemplateOutput html(TemplateOutput output) {
        return new DisplayTextOutput(output);
    }

    private static boolean shownAsCode(char c) {
        return switch (c) {
            case '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
                    '\u200E', '\u200F', '\u061C' -> true;
            case '\t', '\n', '\r' -> false;
            default -> c < 0x20 || c >= 0x7F && c <= 0x9F;
        };
    }
}
