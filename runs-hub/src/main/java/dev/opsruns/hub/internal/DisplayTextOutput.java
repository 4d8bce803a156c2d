package dev.opsruns.hub.internal;

import dev.opsruns.hub.spi.SafeText;
import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * jte's escaping by context, with {@link SafeText#display} applied to every value first: a template
 * cannot forget it, in text, attributes and URLs alike.
 */
public final class DisplayTextOutput extends OwaspHtmlTemplateOutput {

    /**
     * @param output where the page is written
     */
    public DisplayTextOutput(TemplateOutput output) {
        super(output);
    }

    @Override
    public void writeUserContent(String value) {
        super.writeUserContent(SafeText.display(value));
    }
}
