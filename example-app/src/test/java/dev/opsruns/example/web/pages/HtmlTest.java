package dev.opsruns.example.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The page builder escapes every value that is not already {@link Html}, in content and attributes alike. */
class HtmlTest {

    @Test
    void values_are_escaped_and_fragments_are_kept() {
        Html cell = Html.of("<td title=\"{}\">{}</td>", "\"><script>x</script>", "<b>Tom & 'Jerry'</b>");
        assertThat(cell.toString()).isEqualTo("<td title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">"
                + "&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</td>");
        assertThat(Html.of("<tr>{}{}</tr>", cell, null).toString()).isEqualTo("<tr>" + cell + "</tr>");
        assertThat(Html.each(List.of("a<", "b>"), v -> Html.of("<li>{}</li>", v)).toString())
                .isEqualTo("<li>a&lt;</li><li>b&gt;</li>");
        assertThat(Html.text(42).toString()).isEqualTo("42");
        assertThat(Html.escape("plain")).isEqualTo("plain");
    }

    @Test
    void a_template_must_have_exactly_one_placeholder_per_value() {
        assertThatThrownBy(() -> Html.of("<p>{}</p>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more placeholders");
        assertThatThrownBy(() -> Html.of("<p>{}</p>", "a", "b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 placeholder(s) but 2 value(s)");
    }

    @Test
    void only_local_paths_and_web_urls_are_link_targets() {
        assertThat(Html.safeUrl("/tenants/contoso/operations/1")).isEqualTo("/tenants/contoso/operations/1");
        assertThat(Html.safeUrl("https://example.org/x")).isEqualTo("https://example.org/x");
        assertThat(Html.safeUrl("javascript:alert(1)")).isEqualTo("#");
        assertThat(Html.safeUrl("JavaScript:alert(1)")).isEqualTo("#");
        assertThat(Html.safeUrl("//evil.example/")).isEqualTo("#");
        assertThat(Html.safeUrl("data:text/html,x")).isEqualTo("#");
        assertThat(Html.safeUrl(null)).isEqualTo("#");
    }

    @Test
    void bidirectional_controls_are_shown_as_their_code() {
        assertThat(Html.of("<td>{}</td>", "abc\u202Edef\u2066g\u2069\u200F").toString())
                .isEqualTo("<td>abc[U+202E]def[U+2066]g[U+2069][U+200F]</td>");
        assertThat(Html.escape("plain שלום text")).as("right-to-left letters are text, not controls").isEqualTo("plain שלום text");
    }
}
