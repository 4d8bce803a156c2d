package dev.opsruns.core.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials recognizable by their shape alone, wherever they appear: vendor tokens with a fixed
 * prefix, JWTs, AWS key pairs. The formats are those documented by the vendors and catalogued by
 * public secret scanners (gitleaks' default rule set, Yelp detect-secrets' plugins); the expressions
 * here are written afresh and deliberately loose on length, since redacting a near miss costs nothing.
 *
 * <p>Every quantifier is bounded or possessive and every expression starts with a literal or a word
 * boundary, so a failed attempt gives up after a bounded number of steps and no input can make the
 * matcher backtrack its way into super-linear time.
 */
final class SanitizerTokenFormats {

    /** One well-known format. */
    record Format(String name, Pattern pattern) {
    }

    static final List<Format> FORMATS = List.of(
            format("GitHub token", "\\b(?:gh[pousr]_[A-Za-z0-9]{20,255}+|github_pat_[A-Za-z0-9_]{20,255}+)"),
            format("GitLab token",
                    "\\bgl(?:pat|dt|rt|rtr|ptt|cbt|ft|imt|oas|soat|agent|ffct)-[A-Za-z0-9_-]{16,255}+"),
            format("Slack token", "\\bxox[abeoprs]-[A-Za-z0-9-]{8,255}+|\\bxapp-[0-9]-[A-Za-z0-9-]{8,255}+"),
            format("Stripe secret key", "\\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{8,255}+|\\bwhsec_[A-Za-z0-9]{16,255}+"),
            format("Google API key", "\\bAIza[A-Za-z0-9_-]{30,64}+"),
            format("Google OAuth token", "\\bya29\\.[A-Za-z0-9_-]{16,2048}+|\\bGOCSPX-[A-Za-z0-9_-]{16,64}+"),
            format("npm token", "\\bnpm_[A-Za-z0-9]{30,64}+"),
            // OpenAI (legacy, project, service-account and admin keys) and Anthropic keys all start "sk-".
            format("OpenAI-style key", "\\bsk-[A-Za-z0-9_-]{20,255}+"),
            format("Twilio key or account SID", "\\b(?:SK|AC)[0-9a-fA-F]{32}\\b"),
            format("SendGrid key", "\\bSG\\.[A-Za-z0-9_-]{16,64}+\\.[A-Za-z0-9_-]{16,64}+"),
            format("Hugging Face token", "\\bhf_[A-Za-z0-9]{30,64}+"),
            format("PyPI token", "\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{16,512}+"),
            format("Shopify token", "\\bshp(?:at|ss|ca|pa)_[A-Fa-f0-9]{32}\\b"),
            format("DigitalOcean token", "\\bdo[opr]_v1_[a-f0-9]{64}\\b"),
            format("Azure AD client secret", "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}+"),
            // Header and payload are base64url JSON ("eyJ" is '{"'); the signature may be cut off.
            format("JWT", "\\beyJ[A-Za-z0-9_-]{4,4096}+\\.[A-Za-z0-9_-]{2,16384}+(?:\\.[A-Za-z0-9_-]{0,4096}+){0,3}"),
            format("Slack webhook", "(?<=hooks\\.slack\\.com/)(?:services|workflows|triggers)/[A-Za-z0-9/_-]{8,255}+"));

    // The id alone, or the id followed within a few separators by its 40-character secret key.
    private static final Pattern AWS_KEY = Pattern.compile("\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b"
            + "(?:([\\s:;,|/=\"']{1,6})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))?");

    private SanitizerTokenFormats() {
    }

    /** Replaces every well-known token in {@code s} with {@code marker}. */
    static String redact(String s, String marker) {
        String out = AWS_KEY.matcher(s).replaceAll(m -> m.group(1) == null
                ? Matcher.quoteReplacement(marker)
                : Matcher.quoteReplacement(marker + m.group(1) + marker));
        for (Format format : FORMATS) {
            out = format.pattern().matcher(out).replaceAll(Matcher.quoteReplacement(marker));
        }
        return out;
    }

    private static Format format(String name, String regex) {
        return new Format(name, Pattern.compile(regex));
    }
}
