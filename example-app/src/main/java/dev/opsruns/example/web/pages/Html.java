package dev.opsruns.example.web.pages;

import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;

/**
 * A piece of HTML the app trusts, and the one way pages are built: {@link #of} fills a template's
 * {@code {}} placeholders, inserting another {@code Html} as it is and <em>escaping everything else</em>
 * ({@code & < > " '}, and bidirectional controls shown as their code), so text from runs (names, messages, context) can only ever show as text, in
 * element content and in quoted attribute values alike. There is no way to turn a {@code String} into
 * {@code Html} without escaping it except writing it as a template, and templates are constants in code.
 *
 * <pre>{@code
 * Html row = Html.of("<tr><td><a href=\"{}\">{}</a></td></tr>", url, policy.displayName());
 * }</pre>
 */
public final class Html {

    /** Nothing. */
    public static final Html EMPTY = new Html("");

    private final String markup;

    private Html(String markup) {
        this.markup = markup;
    }

    /**
     * @param template HTML with one {@code {}} per value; a constant in code, never built from input
     * @param values the values: an {@code Html} is inserted as it is, null as nothing, anything else
     *     as its escaped {@code String.valueOf}
     * @return the filled template
     * @throws IllegalArgumentException when the number of placeholders and values differ
     */
    public static Html of(String template, Object... values) {
        StringBuilder sb = new StringBuilder(template.length() + 16 * values.length);
        int next = 0;
        int from = 0;
        int at;
        while ((at = template.indexOf("{}", from)) >= 0) {
            if (next == values.length) {
                throw new IllegalArgumentException("template has more placeholders than the " + values.length
                        + " value(s) given: " + template);
            }
            sb.append(template, from, at);
            append(sb, values[next++]);
            from = at + 2;
        }
        if (next != values.length) {
            throw new IllegalArgumentException("template has " + next + " placeholder(s) but " + values.length
                    + " value(s) were given: " + template);
        }
        return new Html(sb.append(template, from, template.length()).toString());
    }

    /**
     * @param value any value
     * @return it as escaped text
     */
    public static Html text(Object value) {
        return value == null ? EMPTY : new Html(escape(String.valueOf(value)));
    }

    /**
     * @param parts fragments
     * @return them one after the other
     */
    public static Html join(Collection<Html> parts) {
        StringBuilder sb = new StringBuilder();
        for (Html part : parts) {
            sb.append(part.markup);
        }
        return new Html(sb.toString());
    }

    /**
     * @param items the items
     * @param render how one item looks
     * @param <T> the item type
     * @return every item rendered, in order
     */
    public static <T> Html each(Collection<T> items, Function<? super T, Html> render) {
        StringBuilder sb = new StringBuilder();
        for (T item : items) {
            sb.append(Objects.requireNonNull(render.apply(item), "render returned null").markup);
        }
        return new Html(sb.toString());
    }

    /**
     * @param condition whether to show it
     * @param html what to show
     * @return the fragment, or nothing
     */
    public static Html when(boolean condition, Html html) {
        return condition ? html : EMPTY;
    }

    /**
     * A link target that cannot run script: a path on this app ({@code /...}, not {@code //host}) or an
     * {@code http(s)} URL stays as it is (it is still escaped when inserted); anything else, such as
     * {@code javascript:}, becomes {@code #}.
     *
     * @param url a URL from code or from a run (related links, notification actions)
     * @return a safe link target
     */
    public static String safeUrl(String url) {
        if (url == null) {
            return "#";
        }
        boolean local = url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
        boolean web = url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7);
        return local || web ? url : "#";
    }

    /**
     * Escapes text for HTML element content and quoted attribute values. Unicode's bidirectional
     * controls (embeddings, overrides, isolates and marks: U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
     * U+061C) are shown as their code, such as {@code [U+202E]}, instead of being passed on: rendered,
     * they reorder the text around them, so a run name or context value could show reversed or make other
     * text on the page read differently than it is.
     *
     * @param text any text
     * @return it escaped
     */
    public static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
                        '\u200E', '\u200F', '\u061C' -> String.format("[U+%04X]", (int) c);
                default -> null;
            };
            if (replacement != null && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                if (replacement != null) {
                    sb.append(replacement);
                } else {
                    sb.append(text.charAt(i));
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    private static void append(StringBuilder sb, Object value) {
        if (value instanceof Html html) {
            sb.append(html.markup);
        } else if (value != null) {
            sb.append(escape(String.valueOf(value)));
        }
    }

    /** @return the markup */
    @Override
    public String toString() {
        return markup;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Html other && other.markup.equals(markup);
    }

    @Override
    public int hashCode() {
        return markup.hashCode();
    }
}
