package dev.opsruns.example.web.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import dev.opsruns.hub.spi.SafeText;
import io.javalin.http.Context;

/**
 * Renders the app's precompiled jte templates (escaping by context: text, attribute, URL; bidirectional
 * and other control characters in stored text shown as their code, as in the hub: see {@link SafeText})
 * and sends them with a Content-Security-Policy that allows only this app's own files, so even a mistake
 * in a template could not run a script.
 */
final class Templates {

    /** Only this app's own files; no inline script or style; forms post only here; no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), "dev.opsruns.example.web.templates");

    private Templates() {
    }

    /**
     * @param ctx the request
     * @param status the HTTP status
     * @param template the template's name, such as {@code drift}
     * @param model its one parameter
     */
    static void send(Context ctx, int status, String template, Object model) {
        StringOutput out = new StringOutput();
        ENGINE.render(template + ".jte", model, SafeText.html(out));
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "same-origin");
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }
}
