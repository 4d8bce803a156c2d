package dev.opsruns.core.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials recognizable by their shape alone, wherever they appear: vendor tokens with a fixed
 * prefix, JWTs, AWS key pairs, chat bot tokens. The formats are those documented by the vendors and
 * catalogued by public secret scanners (gitleaks' default rule set, Yelp detect-secrets' plugins,
 * trufflehog's detectors); the expressions here are written afresh and deliberately loose on length,
 * since redacting a near miss costs nothing.
 *
 * <p>Every format names a literal that any match contains (as gitleaks' keywords do), so a message
 * runs only the few expressions whose literal it holds. Every quantifier is bounded or possessive and
 * every expression starts with a literal or a boundary, so a failed attempt gives up after a bounded
 * number of steps and no input can make the matcher backtrack its way into super-linear time.
 */
final class SanitizerTokenFormats {

    /**
     * One well-known format.
     *
     * @param name what it is, for tests and readers
     * @param keywords lower-case literals one of which every match contains; empty to always run
     * @param pattern the shape
     */
    record Format(String name, List<String> keywords, Pattern pattern) {
    }

    // Where a token may end: not inside a longer run of token characters.
    private static final String END = "(?![A-Za-z0-9_\\-])";

    static final List<Format> FORMATS = List.of(
            // source control and CI
            format("GitHub token", "gh", "\\b(?:gh[pousr]_[A-Za-z0-9]{20,255}+|github_pat_[A-Za-z0-9_]{20,255}+)"),
            format("GitLab token", "gl", "\\b(?:gl(?:pat|dt|rt|rtr|ptt|cbt|ft|imt|oas|soat|agent|ffct)-"
                    + "[A-Za-z0-9_.-]{16,300}+|GR1348941[A-Za-z0-9_-]{16,64}+)"),
            format("Bitbucket / Atlassian token", "at", "\\b(?:ATBB[A-Za-z0-9_=.-]{24,255}+|ATATT3[A-Za-z0-9_=.-]{60,400}+"
                    + "|ATCTT3[A-Za-z0-9_=.-]{60,400}+)"),
            format("Buildkite / CircleCI / Drone token", "bkua_|ccipat_", "\\b(?:bkua_[a-f0-9]{40}|CCIPAT_[A-Za-z0-9_]{20,80}+)\\b"),
            format("Sourcegraph / Sonar token", "sgp_|squ_|sqp_|sqa_", "\\b(?:sgp_[A-Za-z0-9_]{20,80}+|sq[upa]_[a-f0-9]{40})\\b"),
            // chat, messaging and e-mail
            format("Slack token", "xo", "\\bxox[abeoprsc]-[A-Za-z0-9-]{8,255}+|\\bxoxe\\.xox[bp]-[A-Za-z0-9-]{8,255}+"),
            format("Slack app token", "xapp", "\\bxapp-[0-9]-[A-Za-z0-9-]{8,255}+"),
            format("Slack webhook", "hooks.slack", "(?<=hooks\\.slack\\.com/)(?:services|workflows|triggers)/[A-Za-z0-9/_-]{8,255}+"),
            format("Discord bot token", ".", "\\b[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}" + END),
            format("Discord webhook", "discord", "(?<=/api/webhooks/)[0-9]{8,20}/[A-Za-z0-9_-]{20,128}+"),
            format("Telegram bot token", ":a", "(?:(?<=/bot)|(?<![A-Za-z0-9_]))[0-9]{5,16}:A[A-Za-z0-9_-]{30,40}" + END),
            format("Twilio key or account SID", "sk|ac", "\\b(?:SK|AC)[0-9a-fA-F]{32}\\b"),
            format("SendGrid key", "sg.", "\\bSG\\.[A-Za-z0-9_-]{16,64}+\\.[A-Za-z0-9_-]{16,64}+"),
            format("Mailgun key", "key-", "\\b(?:key|pubkey)-[0-9a-z]{32}\\b"),
            format("Mailchimp key", "-us", "\\b[0-9a-f]{32}-us[0-9]{1,2}\\b"),
            format("Brevo (Sendinblue) key", "sib-", "\\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}\\b"),
            format("Firebase Cloud Messaging server key", "apa91b", "\\bAAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200}+"),
            // payment
            format("Stripe secret key", "_live_|_test_|_prod_|whsec_", "\\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{8,255}+|\\bwhsec_[A-Za-z0-9]{16,255}+"),
            format("Square token", "sq0|eaaa", "\\b(?:sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,64}+|EAAA[A-Za-z0-9_+=-]{50,80}+)"),
            format("Braintree token", "access_token$", "\\baccess_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}"),
            format("Razorpay / Flutterwave / Paystack key", "rzp_|flw|sk_", "\\b(?:rzp_(?:live|test)_[A-Za-z0-9]{14,32}+"
                    + "|FLW(?:SECK|PUBK)(?:_TEST)?-[A-Za-z0-9]{12,32}+(?:-X)?|sk_(?:live|test)_[a-f0-9]{40})\\b"),
            format("Plaid token", "access-", "\\baccess-(?:sandbox|development|production)-[0-9a-f-]{36}\\b"),
            format("Shopify token", "shp", "\\bshp(?:at|ss|ca|pa)_[A-Fa-f0-9]{32}\\b"),
            format("Shippo / EasyPost / Duffel key", "shippo_|ezak|eztk|duffel_", "\\b(?:shippo_(?:live|test)_[a-f0-9]{40}|EZ[AT]K[A-Za-z0-9]{40,60}+"
                    + "|duffel_(?:test|live)_[A-Za-z0-9_=-]{40,50}+)\\b"),
            // clouds
            format("Google API key", "aiza", "\\bAIza[A-Za-z0-9_-]{30,64}+"),
            format("Google OAuth token", "ya29.|gocspx-|1//0", "\\bya29\\.[A-Za-z0-9_-]{16,2048}+|\\bGOCSPX-[A-Za-z0-9_-]{16,64}+"
                    + "|\\b1//0[A-Za-z0-9_-]{30,512}+"),
            format("Azure AD client secret", "q~", "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}+"),
            format("Azure storage or Cosmos DB key", "==", "(?<![A-Za-z0-9+/=-])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])"),
            // Microsoft's identifiable keys carry a fixed signature near their end.
            format("Azure DevOps personal access token", "azdo", "\\b[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}\\b"),
            format("Azure identifiable key", "azfu|apim|azse|acdb|+asb|+aeh|+arm|+ast|azca",
                    "\\b[A-Za-z0-9+/]{32,80}(?:AzFu|APIM|AzSe|ACDb|\\+ASb|\\+AEh|\\+ARm|\\+ASt|AzCa)"
                    + "[A-Za-z0-9+/]{4,10}+={0,2}"),
            format("Alibaba / Tencent / Yandex key", "ltai|akid|aqvn|yc|t1.", "\\b(?:LTAI[A-Za-z0-9]{12,30}+|AKID[A-Za-z0-9]{32}|AQVN[A-Za-z0-9_-]{35,38}+"
                    + "|YC[A-Za-z0-9_-]{38}|t1\\.[A-Za-z0-9_-]{20,}+\\.[A-Za-z0-9_-]{80,90}+)\\b"),
            format("DigitalOcean token", "do", "\\bdo[opr]_v1_[a-f0-9]{64}\\b|\\bDO[0-9]{2}[A-Z0-9]{16}\\b"),
            format("Heroku / Fly.io / Netlify / Render token", "hrku-|fo1_|fm1|fm2_|nfp_|rnd_", "\\b(?:HRKU-[A-Za-z0-9_-]{30,80}+|fo1_[A-Za-z0-9_-]{30,60}+"
                    + "|fm[12][ar]?_[A-Za-z0-9+/]{60,}+={0,3}|nfp_[A-Za-z0-9]{30,50}+|rnd_[A-Za-z0-9]{24,40}+)"),
            format("Cloudflare origin CA key", "v1.0-", "\\bv1\\.0-[a-f0-9]{24}-[a-f0-9]{100,160}+"),
            format("HashiCorp Vault / Terraform token", "hvs.|hvb.|hvr.|atlasv1", "\\b(?:hv[sbr]\\.[A-Za-z0-9_-]{24,300}+"
                    + "|[a-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{50,80}+)"),
            format("Pulumi / Doppler / Postman token", "pul-|dp.|pmak-", "\\b(?:pul-[a-f0-9]{40}|dp\\.(?:pt|st|sa|ct|scim|audit)\\."
                    + "[A-Za-z0-9]{40,44}+|PMAK-[A-Fa-f0-9]{24}-[A-Fa-f0-9]{34})\\b"),
            format("OpenShift token", "sha256~", "\\bsha256~[A-Za-z0-9_-]{40,45}+"),
            format("1Password token", "ops_eyj|a3-", "\\bops_eyJ[A-Za-z0-9+/_-]{100,}+={0,3}|\\bA3-[A-Z0-9]{6}-[A-Z0-9-]{20,40}+"),
            format("LaunchDarkly SDK or mobile key", "sdk-|mob-", "\\b(?:sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"),
            format("Yandex OAuth token", "y0_", "\\by0_[A-Za-z0-9_-]{50,60}+"),
            // age's secret key; a NATS nkey seed ('S', the key's type, then base32), which signs as its user
            format("age secret key / NATS nkey seed", "age-secret-key-|su|sa|so|sn|sc|sx",
                    "\\bAGE-SECRET-KEY-1[A-Z0-9]{58}|\\bS[UAONCX][A-Z2-7]{56}\\b"),
            // data platforms and observability
            format("Databricks token", "dapi", "\\bdapi[a-f0-9]{32}(?:-[0-9])?\\b"),
            format("Grafana token", "glc_|glsa_|eyjrijoi", "\\b(?:glc_[A-Za-z0-9+/]{32,400}+={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"
                    + "|eyJrIjoi[A-Za-z0-9]{40,400}+={0,3})"),
            format("New Relic key", "nr", "\\bNR(?:AK|II|JS|AA)-[A-Za-z0-9]{19,40}+\\b"),
            format("Sentry token", "sntry", "\\bsntry[su]_[A-Za-z0-9+/=_]{40,300}+"),
            // Honeycomb's ingest keys (hcaik_ for an environment, hcxik_ for management): 64 characters
            format("Honeycomb ingest key", "hcaik_|hcxik_", "\\bhc[ax]ik_[a-z0-9]{58}\\b"),
            // an RPC provider's project key is the last part of its endpoint's path (trufflehog's infura)
            format("Infura project key", "infura.io/", "(?<=\\.infura\\.io/v3/|\\.infura\\.io/ws/v3/)[0-9a-f]{32}\\b"),
            format("Dynatrace token", "dt0c01.", "\\bdt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}"),
            format("PlanetScale / Supabase / Neon token", "pscale_|sbp_|sb_secret_|napi_", "\\b(?:pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}+"
                    + "|sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{20,60}+|napi_[a-z0-9]{60,70}+)"),
            format("Airtable / Notion / Linear token", "pat|ntn_|secret_|lin_api_", "\\b(?:pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}|ntn_[0-9]{11}[A-Za-z0-9]{35}"
                    + "|secret_[A-Za-z0-9]{43}|lin_api_[A-Za-z0-9]{40})\\b"),
            format("Prefect / Readme / Infracost / Typeform token", "pnu_|rdme_|ico-|tfp_", "\\b(?:pnu_[A-Za-z0-9]{36}|rdme_[a-z0-9]{70}"
                    + "|ico-[A-Za-z0-9]{32}|tfp_[A-Za-z0-9_.=-]{50,70}+)\\b"),
            format("HubSpot private app token", "pat-", "\\bpat-(?:na|eu|ap)[0-9]{1,2}-[0-9a-f]{8}-[0-9a-f]{4}-"
                    + "[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"),
            format("Octopus / Frame.io / Contentful / Figma token", "api-|fio-u-|cfpat-|figd_", "\\b(?:API-[A-Z0-9]{26}|fio-u-[A-Za-z0-9_=-]{60,70}+"
                    + "|CFPAT-[A-Za-z0-9_-]{43}|figd_[A-Za-z0-9_-]{40,}+)\\b"),
            format("Mapbox / Dropbox / Facebook / Twitter token", "sk.eyj|sl.|eaac|eaam|aaaaaaaaaaaaaaaaaaaa", "\\b(?:sk\\.eyJ[A-Za-z0-9._-]{50,}+"
                    + "|sl\\.[A-Za-z0-9_-]{100,}+|EAA[CM][A-Za-z0-9]{80,}+|A{20,24}[A-Za-z0-9%]{40,120}+)"),
            // package and container registries
            format("npm token", "npm_", "\\bnpm_[A-Za-z0-9]{30,64}+"),
            format("PyPI token", "pypi-", "\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{16,512}+|\\bpypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{16,512}+"),
            format("NuGet / RubyGems / crates.io / Clojars key", "oy2|rubygems_|cio|clojars_|packagist_", "\\b(?:oy2[a-z0-9]{43}|rubygems_[a-f0-9]{48}"
                    + "|cio[A-Za-z0-9]{32}|CLOJARS_[a-z0-9]{60}|packagist_[ou]ut_[a-f0-9]{60,70}+)\\b"),
            format("Docker Hub token", "dckr_", "\\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{20,64}+"),
            format("JFrog Artifactory key", "akcp|cmvmdgtu", "\\b(?:AKCp[A-Za-z0-9]{60,80}+|cmVmdGtu[A-Za-z0-9]{50,70}+)\\b"),
            // AI providers
            // OpenAI (legacy, project, service-account and admin keys), Anthropic, DeepSeek, OpenRouter: "sk-".
            format("OpenAI-style key", "sk-", "\\bsk-[A-Za-z0-9_-]{20,255}+"),
            format("AI provider key", "gsk_|r8_|pplx-|xai-|fw_|lsv2_|pcsk_|nvapi-|tgp_v1_|csk-", "\\b(?:gsk_[A-Za-z0-9]{40,60}+|r8_[A-Za-z0-9]{30,45}+|pplx-[A-Za-z0-9]{40,60}+"
                    + "|xai-[A-Za-z0-9]{60,90}+|fw_[A-Za-z0-9]{20,40}+|lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}"
                    + "|csk-[a-z0-9]{40,60}+|pcsk_[A-Za-z0-9_]{40,80}+|nvapi-[A-Za-z0-9_-]{60,70}+|tgp_v1_[A-Za-z0-9_-]{40,50}+)\\b"),
            format("Hugging Face token", "hf_|api_org_", "\\b(?:hf|api_org)_[A-Za-z0-9]{30,64}+"),
            // JWTs: header and payload are base64url JSON ("eyJ" is '{"'); the signature may be cut off.
            format("JWT", "eyj", "\\beyJ[A-Za-z0-9_-]{4,4096}+\\.[A-Za-z0-9_-]{2,16384}+(?:\\.[A-Za-z0-9_-]{0,4096}+){0,3}"),
            // password hashes: crackable offline, so as good as the password
            format("PostgreSQL password verifier", "md5|scram-sha-256$", "\\bmd5[0-9a-f]{32}\\b"
                    + "|\\bSCRAM-SHA-256\\$[0-9]{1,7}:[A-Za-z0-9+/=]{8,64}+\\$[A-Za-z0-9+/=]{20,64}+:[A-Za-z0-9+/=]{20,64}+"),
            format("crypt(3) password hash", "$", "\\$(?:2[abxy]?\\$[0-9]{2}\\$[./A-Za-z0-9]{53}"
                    + "|(?:1|5|6|y|argon2(?:id|i|d)|scrypt|pbkdf2[\\w-]{0,12})\\$[^\\s$]{1,64}+\\$[./A-Za-z0-9$=,+]{16,200}+)"));

    // The id alone, or the id followed within a few separators by its 40-character secret key.
    private static final Pattern AWS_KEY = Pattern.compile("\\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b"
            + "(?:([\\s:;,|/=\"']{1,6})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=]))?");

    // A Twilio account SID or API key SID and, within a few separators, its 32-character auth token
    // or key secret: Client("AC...", "..."), "SK...:...".
    private static final Pattern TWILIO_PAIR = Pattern.compile("\\b(AC|SK)[0-9a-f]{32}\\b([\\s:;,|/=\"'()]{1,6}+)[A-Za-z0-9]{32}"
            + "(?![A-Za-z0-9])");

    private SanitizerTokenFormats() {
    }

    /** Replaces every well-known token in {@code s} with {@code marker}. */
    static String redact(String s, String marker) {
        String out = !mayHoldAwsKey(s) ? s : AWS_KEY.matcher(s).replaceAll(m -> m.group(1) == null
                ? Matcher.quoteReplacement(marker)
                : Matcher.quoteReplacement(marker + m.group(1) + marker));
        if (out.contains("AC") || out.contains("SK")) {
            out = TWILIO_PAIR.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                    marker + m.group(2) + marker));
        }
        // A format matches within one run of token characters, so only long runs are searched, and
        // only with the formats whose keyword the run holds.
        StringBuilder result = null;
        int copied = 0;
        int n = out.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isTokenChar(out.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isTokenChar(out.charAt(i))) {
                i++;
            }
            if (i - start < MIN_TOKEN) {
                continue;
            }
            String run = out.substring(start, i);
            String redacted = redactRun(run, marker);
            if (!redacted.equals(run)) {
                if (result == null) {
                    result = new StringBuilder(n);
                }
                result.append(out, copied, start).append(redacted);
                copied = i;
            }
        }
        return result == null ? out : result.append(out, copied, n).toString();
    }

    /** True when an AWS key id's prefix (A3T, AKIA, ASIA, ABIA, ACCA) may start somewhere: one cheap pass. */
    private static boolean mayHoldAwsKey(String s) {
        for (int i = s.indexOf('A'); i >= 0 && i + 1 < s.length(); i = s.indexOf('A', i + 1)) {
            if ("3KSBC".indexOf(s.charAt(i + 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String redactRun(String run, String marker) {
        long[] candidates = candidates(run);
        String out = run;
        for (int f = 0; f < FORMATS.size(); f++) {
            Format format = FORMATS.get(f);
            if ((candidates[f >>> 6] & 1L << f) == 0) {
                continue;
            }
            Matcher m = format.pattern().matcher(out);
            if (m.find()) {
                // go on from the first match rather than have replaceAll search for it again
                StringBuilder sb = new StringBuilder(out.length());
                int copied = 0;
                do {
                    sb.append(out, copied, m.start()).append(marker);
                    copied = m.end();
                } while (m.find());
                out = sb.append(out, copied, out.length()).toString();
            }
        }
        return out;
    }

    /*
     * The keywords by their first two characters (lower case ASCII; a run holds nothing else), with the
     * format each belongs to: one pass over a run finds every format whose keyword it holds, instead of
     * one search of the run per keyword. Formats are bits in words of 64, so the list may grow freely.
     */
    private static final int WORDS = (FORMATS.size() + 63) / 64;
    private static final String[][] KEYWORDS_BY_PREFIX = new String[128 * 128][];
    private static final int[][] FORMATS_BY_PREFIX = new int[128 * 128][];
    // Formats without keywords, which always run, and those whose keyword is a single character.
    private static final long[] ALWAYS = new long[WORDS];
    private static final long[][] BY_CHARACTER = new long[128][WORDS];

    static {
        java.util.Map<Integer, java.util.List<String>> keywords = new java.util.HashMap<>();
        java.util.Map<Integer, java.util.List<Integer>> formats = new java.util.HashMap<>();
        for (int f = 0; f < FORMATS.size(); f++) {
            Format format = FORMATS.get(f);
            if (format.keywords().isEmpty()) {
                ALWAYS[f >>> 6] |= 1L << f;
            }
            for (String keyword : format.keywords()) {
                if (keyword.length() == 1) {
                    BY_CHARACTER[keyword.charAt(0) & 0x7F][f >>> 6] |= 1L << f;
                    continue;
                }
                int index = prefix(keyword.charAt(0), keyword.charAt(1));
                keywords.computeIfAbsent(index, k -> new java.util.ArrayList<>()).add(keyword);
                formats.computeIfAbsent(index, k -> new java.util.ArrayList<>()).add(f);
            }
        }
        for (var e : keywords.entrySet()) {
            KEYWORDS_BY_PREFIX[e.getKey()] = e.getValue().toArray(new String[0]);
            FORMATS_BY_PREFIX[e.getKey()] = formats.get(e.getKey()).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** The formats (as bits of their index) whose keyword {@code run} holds, ignoring case. */
    private static long[] candidates(String run) {
        long[] found = ALWAYS.clone();
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            long[] single = BY_CHARACTER[lower(c)];
            for (int w = 0; w < WORDS; w++) {
                found[w] |= single[w];
            }
            if (i + 1 < run.length()) {
                int index = prefix(c, run.charAt(i + 1));
                String[] keywords = KEYWORDS_BY_PREFIX[index];
                if (keywords != null) {
                    int[] owners = FORMATS_BY_PREFIX[index];
                    for (int k = 0; k < keywords.length; k++) {
                        int f = owners[k];
                        if ((found[f >>> 6] & 1L << f) == 0
                                && run.regionMatches(true, i, keywords[k], 0, keywords[k].length())) {
                            found[f >>> 6] |= 1L << f;
                        }
                    }
                }
            }
        }
        return found;
    }

    private static int prefix(char first, char second) {
        return lower(first) << 7 | lower(second);
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c & 0x7F;
    }

    /** Shortest token any format matches, with its prefix. */
    private static final int MIN_TOKEN = 16;

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 0x7F && "\"'`<>()[]{},;|\\".indexOf(c) < 0;
    }

    private static Format format(String name, String keyword, String regex) {
        List<String> keywords = keyword.isEmpty() ? List.of() : List.of(keyword.split("\\|"));
        return new Format(name, keywords, Pattern.compile(regex));
    }
}
