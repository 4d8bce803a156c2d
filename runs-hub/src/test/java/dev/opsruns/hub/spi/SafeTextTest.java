package dev.opsruns.hub.spi;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.output.StringOutput;
import org.junit.jupiter.api.Test;

/** Stored text shows as it is stored: no control character may change how the page around it reads. */
class SafeTextTest {

    @Test
    void bidirectional_controls_are_shown_as_their_code() {
        assertThat(SafeText.display("abc\u202Edef\u2066g\u2069\u200F\u061C")).isEqualTo("abc[U+202E]def[U+2066]g[U+2069][U+200F][U+061C]");
        assertThat(SafeText.display("plain שלום text")).as("right-to-left letters are text, not controls").isEqualTo("plain שלום text");
        assertThat(SafeText.display(null)).isNull();
    }

    @Test
    void invisible_control_characters_are_shown_as_their_code_but_tabs_and_line_breaks_stay() {
        assertThat(SafeText.display("a\u0000b\u001Bc\u007Fd\u0085e")).isEqualTo("a[U+0000]b[U+001B]c[U+007F]d[U+0085]e");
        assertThat(SafeText.display("line\tone\r\nline two")).isEqualTo("line\tone\r\nline two");
    }

    @Test
    void the_template_output_applies_it_before_escaping_by_context() {
        StringOutput out = new StringOutput();
        var html = SafeText.html(out);
        html.setContext("td", null);
        html.writeUserContent("<b>x</b>\u202Egnp.exe");
        html.setContext("a", "title");
        html.writeUserContent("\"\u202E");
        assertThat(out.toString()).isEqualTo("&lt;b&gt;x&lt;/b&gt;[U+202E]gnp.exe&#34;[U+202E]");
    }
}
