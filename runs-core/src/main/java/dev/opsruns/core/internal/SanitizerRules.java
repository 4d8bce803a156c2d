package dev.opsruns.core.internal;

import dev.opsruns.core.internal.SanitizerKeys.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential redaction passes of {@link StandardFailureSanitizer}, in the order they run: private
 * key blocks, token formats, settings that name a secret in one field and carry it in another, {@code name=value}
 * pairs (plain text, query strings, headers, cookies, JSON, connection strings, flags), the value cells
 * of two-column tables and pydantic's echo of a secret field's input, XML elements,
 * URL user-info and webhook URLs, bare authorization schemes and HTTP Digest responses, secrets in
 * prose ({@link SanitizerProse}) and command lines ({@link SanitizerCommands}), and last whatever still
 * looks generated ({@link SanitizerEntropy}). The well-known token formats of
 * {@link SanitizerTokenFormats} run first, right after private keys. One scan of the window
 * ({@link SanitizerTriggers}) first says which families can match at all, and the others are skipped. A secret value is replaced by
 * {@value #REDACTED}; its name is kept so the message still says what was wrong. Each cookie of a
 * Cookie or Set-Cookie header has its value redacted, while its name and Set-Cookie's attributes stay;
 * a password (unlike a token) may hold spaces, and its value runs on to where its field ends.
 *
 * <p>The passes expect the bounded window the sanitizer cuts (a few KiB of one cleaned line). Each is
 * either a hand-written scan or a loop over a pattern whose quantifiers are bounded or possessive, and
 * each loop resumes after what it consumed, so the work stays linear in the window.
 */
final class SanitizerRules {

    /** What a secret value is replaced with. */
    static final String REDACTED = "[REDACTED]";

    /** What a private key block, header to footer, is replaced with. */
    static final String REDACTED_PRIVATE_KEY = "[REDACTED private key]";

    // Private key blocks, and OpenVPN's static key, which is as secret and says "key" in mixed case.
    private static final Pattern PEM_PRIVATE_KEY_HEADER =
            Pattern.compile("-----BEGIN(?:[ A-Z0-9_-]{0,64}PRIVATE KEY(?: BLOCK)?| OpenVPN Static key V[0-9])-----");

    private static final Pattern XML_VALUE_TAG = Pattern.compile("<(?:[A-Za-z_][\\w.\\-]{0,31}+:)?(?i:value|val|data)>");

    private static final Pattern XML_OPEN_TAG = Pattern.compile("<([A-Za-z_][\\w.:\\-]{0,63}+)(?:\\s[^<>]{0,512}+)?>");

    /*
     * Fields that name a setting ({"name":"DB_PASSWORD", <add key="ApiKey" ...>, name: SMTP_PASS),
     * whose sibling value field carries it, or type it (<input type="password" value=...>, an SSM
     * parameter's "Type": "SecureString").
     */
    private static final Set<String> NAMING_FIELDS = Set.of("name", "key", "id", "property", "param", "parameter",
            "setting", "settingname", "variable", "var", "field", "attribute", "secretname", "env", "label",
            // CloudFormation's ParameterKey/ParameterValue, Beanstalk's OptionName/Value, and a credential
            // or form field's type: Keycloak's {"type": "password", "value": "x"}, <input type="password" value="x">
            "parameterkey", "optionname", "type");

    private static final Pattern VALUE_FIELD = Pattern.compile("(?i)(?<![\\w-])[\"']?(?:value|val|defaultvalue|"
            + "secretvalue|data|content|text|stringvalue|plaintext|parametervalue|optionvalue|default)[\"']?\\s{0,3}+[:=]\\s{0,3}+");

    private static final Pattern SCHEME_CREDENTIAL = Pattern.compile(
            "(?i)(bearer|basic|negotiate|ntlm|ssws|splunk|geniekey)\\s{1,3}+([A-Za-z0-9._~+/\\-]{1,8192}+"
            + "(?::[A-Za-z0-9._~+/\\-]{1,8192}+){0,4}+=*+)"
            + "(?![A-Za-z0-9_])");

    private static final Pattern DIGEST_START = Pattern.compile("(?i)\\bDigest\\s{1,3}+(?=[\\w-]{1,32}+=)");

    private static final Pattern DIGEST_PARAM =
            Pattern.compile("\\G\\s{0,3}+([\\w-]{1,32}+)=(\"[^\"]{0,512}+\"|[^\\s,\"]{0,512}+)\\s{0,3}+,?");

    // Authorization schemes that are not a single word of letters.
    private static final String[] COMPOUND_SCHEMES = {"AWS4-HMAC-SHA256", "GOOG4-HMAC-SHA256", "GOOG4-RSA-SHA256",
        "SCRAM-SHA-256", "SCRAM-SHA-1", "Zoho-oauthtoken"};

    // Path words after which a chat or automation service's URL is itself the credential.
    private static final String[] HOOK_WORDS = {"/webhooks/", "/webhook/", "/webhookb2/", "/hooks/", "/hook/",
        "/IncomingWebhook/", "/incoming/", "/integration/", "/reset-password/", "/password-reset/",
        "/password/reset/", "/reset/", "/magic-link/", "/magic/", "/invite/", "/invitation/", "/invitations/",
        "/activate/", "/confirm/", "/verify-email/", "/unsubscribe/"};

    /*
     * The hook words beyond "hook" that redactHookUrls looks for before scanning: an alerting service's
     * integration key in its events URL (PagerDuty's /integration/<key>/enqueue), and the one-time links a
     * mail carries (reset-password, magic-link, invite, activate, confirm): whoever holds one acts as
     * the user. On any host but a webhook service's only a token-like segment counts.
     */
    private static final String[] LINK_WORDS = {"/integration", "reset", "/magic", "/invit", "/activate/", "/confirm/",
        "/verify-email/", "/unsubscribe/"};

    // Hosts whose every URL path is a credential after the hook word: a guessed id would post.
    private static final String[] HOOK_HOSTS = {"hooks.slack.com", "discord.com", "discordapp.com",
        "webhook.office.com", "outlook.office.com", "outlook.office365.com", "hooks.zapier.com", "open.feishu.cn",
        "open.larksuite.com", "webexapis.com", "api.ciscospark.com", "maker.ifttt.com", "hooks.glip.com"};

    private static final Pattern HOOK_SEGMENT = Pattern.compile("[/@]");

    private static final int MAX_SCHEME_LENGTH = 24;

    // How far back a connection string's previous "key=value" is looked for.
    private static final int MAX_PREVIOUS_PAIR = 256;

    // Fewest decimal bytes in brackets taken for a key under a secret's name: a 64-bit key.
    private static final int MIN_NAMED_KEY_BYTES = 8;

    // How far a setting's name and its value may lie apart.
    private static final int MAX_NAMED_VALUE_DISTANCE = 320;

    private SanitizerRules() {
    }

    /** Applies every redaction pass to {@code s}. */
    static String redact(String s, SanitizerSettings settings) {
        // Known formats first: their spans are exact, and the rules after them see a marker, not a
        // token they might cut short ("eyJ...J9." ends with its empty signature).
        // Families whose trigger the window lacks are skipped; redaction only removes text, so what the
        // scan saw before the first pass still bounds what any later pass can find.
        int triggers = SanitizerTriggers.scan(s, settings);
        boolean named = (triggers & SanitizerTriggers.NAME) != 0;
        String out = redactPrivateKeys(s);
        if ((triggers & SanitizerTriggers.COMMAND) != 0) {
            out = SanitizerCommands.redactPromptAnswers(out);
        }
        if ((triggers & SanitizerTriggers.RUN16) != 0) {
            out = SanitizerTokenFormats.redact(out, REDACTED);
        }
        if (named) {
            out = redactBoundParameters(redactSecretObjectValues(redactNamedValues(out, settings), settings), settings);
            out = SanitizerProse.redactWordPhrases(out);
            out = SanitizerCodes.redact(out);
            out = SanitizerProse.redactSecretLists(SanitizerProse.redactCjkPasswords(out));
        }
        out = redactPairs(out, settings);
        if (named) {
            out = redactValidationInputs(redactTableCells(out, settings), settings);
        }
        out = redactXmlElements(out, settings);
        out = redactUrlUserInfo(out);
        out = redactBareUserInfo(redactSlashedLogins(out));
        if (named) {
            out = redactArgumentPairs(out, settings);
        }
        out = SanitizerCommands.redactLoginCalls(out);
        out = redactHookUrls(out);
        out = redactSchemeCredentials(out);
        out = redactDigestResponses(out);
        if (named) {
            out = SanitizerProse.redact(out, settings);
        }
        if ((triggers & SanitizerTriggers.COMMAND) != 0) {
            out = SanitizerCommands.redact(out, settings);
        }
        // last: what no rule placed but still looks generated
        out = (triggers & SanitizerTriggers.RUN20) != 0 ? SanitizerEntropy.redact(out) : out;
        out = SanitizerEntropy.redactByteArrays(out);
        return (triggers & SanitizerTriggers.SYMBOL) != 0 ? SanitizerEntropy.redactShortPasswords(out) : out;
    }

    /**
     * Replaces each private key block from its header through its footer. A block whose footer is
     * missing (the message was cut, or the key spans lines the sanitizer dropped) is redacted to the
     * end of the text: everything after a private key header is key material until proven otherwise.
     */
    static String redactPrivateKeys(String s) {
        int at = s.indexOf("-----BEGIN");
        if (at < 0) {
            return redactPuttyPrivateLines(s);
        }
        Matcher header = PEM_PRIVATE_KEY_HEADER.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        while (at >= 0) {
            header.region(at, s.length());
            if (!header.lookingAt()) {
                at = s.indexOf("-----BEGIN", at + 1);
                continue;
            }
            int end = s.length();
            int footer = s.indexOf("-----END", header.end());
            if (footer >= 0) {
                int close = s.indexOf("-----", footer + 8);
                end = close >= 0 && close - footer <= 80 ? close + 5 : footer + 8;
            }
            out.append(s, copied, at).append(REDACTED_PRIVATE_KEY);
            copied = end;
            at = s.indexOf("-----BEGIN", end);
        }
        return redactPuttyPrivateLines(out.append(s, copied, s.length()).toString());
    }

    /**
     * A PuTTY key file ({@code .ppk}) has no armour: its private part follows {@code Private-Lines: N}
     * and ends with {@code Private-MAC: <hex>}; both go, to the end of the text when the MAC is missing.
     */
    private static String redactPuttyPrivateLines(String s) {
        int at = s.indexOf("Private-Lines:");
        if (at < 0) {
            return s;
        }
        int start = at + "Private-Lines:".length();
        int mac = s.indexOf("Private-MAC:", start);
        int end = s.length();
        if (mac >= 0) {
            int hex = mac + "Private-MAC:".length();
            while (hex < s.length() && s.charAt(hex) == ' ') {
                hex++;
            }
            end = hex;
            while (end < s.length() && Character.digit(s.charAt(end), 16) >= 0) {
                end++;
            }
        }
        return s.substring(0, start) + " " + REDACTED_PRIVATE_KEY + s.substring(end);
    }

    /**
     * Redacts settings that name the secret in one field and carry it in another: a Kubernetes or App
     * Service environment entry ({@code {"name":"DB_PASSWORD","value":"..."}}), .NET appSettings
     * ({@code <add key="ApiKey" value="..."/>}), Spring and log4j properties
     * ({@code <property name="password" value="..."/>}) and element text
     * ({@code <entry key="secret">...</entry>}).
     */
    static String redactNamedValues(String s, SanitizerSettings settings) {
        Matcher value = VALUE_FIELD.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        SanitizerPairs.Pair pair;
        while (from < s.length() && (pair = SanitizerPairs.next(s, from)) != null) {
            from = pair.separatorEnd();
            String field = pair.name(s);
            if (field.length() > 12 || !NAMING_FIELDS.contains(field.toLowerCase(Locale.ROOT))) {
                continue;
            }
            int nameEnd = pair.end();
            while (nameEnd < s.length() && nameEnd - pair.end() < 96 && (Character.isLetterOrDigit(s.charAt(nameEnd))
                    || "_.-:/".indexOf(s.charAt(nameEnd)) >= 0)) {
                nameEnd++;
            }
            String named = s.substring(pair.end(), nameEnd);
            if (nameEnd == pair.end() || !SanitizerKeys.isSensitive(named, settings)
                    && !(field.equalsIgnoreCase("type") && named.equalsIgnoreCase("SecureString"))) {
                continue;
            }
            if (pair.openQuote() != null && nameEnd < s.length() && s.charAt(nameEnd) == pair.openQuote().charAt(0)) {
                nameEnd++;
            }
            int[] span = siblingValue(s, pair.nameStart(), nameEnd, value);
            if (span == null || span[0] < copied) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, span[0]).append(REDACTED);
            copied = span[1];
            from = Math.max(from, span[1]);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    // The member that holds an object's content, when the object's type says what the content is.
    private static final Pattern CONTENT_FIELD = Pattern.compile("(?i)(?<![\\w-])[\"']?(?:value|val|secretvalue|"
            + "stringvalue|plaintext)[\"']?\\s{0,3}+[:=]\\s{0,3}+");

    /**
     * Redacts the value member of an object whose type names a secret, as SDKs and languages print
     * them: .NET's {@code KeyVaultSecret { Name = sql-admin, Value = x }}, Java's
     * {@code SecretBundle{value=x}}, Rust's {@code Secret { name: "db", value: "x" }}. The name beside
     * the value ("sql-admin") is the secret's own and says nothing; the type does.
     */
    static String redactSecretObjectValues(String s, SanitizerSettings settings) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.contains("value") && !lower.contains("plaintext") && !hasWord(lower, "val")) {
            return s; // every content field's name holds one of them: skip the pattern's scan of the window
        }
        Matcher field = CONTENT_FIELD.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        while (field.find()) {
            int open = field.start() - 1;
            int floor = Math.max(0, field.start() - MAX_NAMED_VALUE_DISTANCE);
            while (open >= floor && "{(})".indexOf(s.charAt(open)) < 0) {
                open--;
            }
            if (open < floor || s.charAt(open) == '}' || s.charAt(open) == ')') {
                continue; // not a direct member of an open object, or too far from its start
            }
            int typeEnd = open;
            while (typeEnd > 0 && s.charAt(typeEnd - 1) == ' ') {
                typeEnd--;
            }
            int typeStart = typeEnd;
            while (typeStart > 0 && typeEnd - typeStart < 64
                    && (Character.isLetterOrDigit(s.charAt(typeStart - 1)) || s.charAt(typeStart - 1) == '_')) {
                typeStart--;
            }
            if (typeStart == typeEnd || !Character.isUpperCase(s.charAt(typeStart))
                    || SanitizerKeys.strength(s.substring(typeStart, typeEnd), settings) != Strength.STRONG) {
                continue; // a type's name is capitalized: "password: {value: ...}" is a pair's, left to the pair rules
            }
            int[] span = valueAt(s, field.end(), s.length());
            if (span == null || span[0] < copied || s.startsWith(REDACTED, span[0])) {
                continue;
            }
            span[1] = Math.max(span[1], memberEnd(s, span[0], span[1]));
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, span[0]).append(REDACTED);
            copied = span[1];
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    // EF Core's command log with sensitive data logging: [Parameters=[@p0='x' (Size = 4000), ...], then the SQL.
    private static final Pattern BOUND_PARAMETER = Pattern.compile("(@\\w{1,64}+)='([^']{0,512}+)'");
    private static final Pattern INSERT_COLUMNS = Pattern.compile("(?i)\\bINSERT\\s{1,3}+INTO\\s{1,3}+[^(]{1,256}+"
            + "\\(([^()]{1,2048}+)\\)[^()]{0,256}?VALUES\\s{0,3}+\\(([^()]{1,2048}+)\\)");
    private static final Pattern ASSIGNED_COLUMN = Pattern.compile("[\\[\"`]?(\\w{1,64}+)[\\]\"`]?\\s{0,3}+=\\s{0,3}+(@\\w{1,64}+)");

    /**
     * Redacts the values EF Core logs for parameters bound to a secret's column: the parameter's own
     * name is a counter ({@code @p1}), the column it fills ({@code INSERT INTO [Users] ([Login],
     * [PasswordHash]) VALUES (@p0, @p1)}, {@code SET [ApiKey] = @p2}) says what the value is.
     */
    static String redactBoundParameters(String s, SanitizerSettings settings) {
        int list = s.indexOf("[Parameters=[");
        if (list < 0) {
            return s;
        }
        java.util.Set<String> secret = new java.util.HashSet<>();
        Matcher insert = INSERT_COLUMNS.matcher(s);
        while (insert.find()) {
            String[] columns = insert.group(1).split(",");
            String[] values = insert.group(2).split(",");
            for (int i = 0; i < Math.min(columns.length, values.length); i++) {
                String column = columns[i].replaceAll("[\\[\\]\"`\\s]", "");
                if (!column.isEmpty() && SanitizerKeys.isSensitive(column, settings)) {
                    secret.add(values[i].strip());
                }
            }
        }
        Matcher assigned = ASSIGNED_COLUMN.matcher(s);
        while (assigned.find()) {
            if (SanitizerKeys.isSensitive(assigned.group(1), settings)) {
                secret.add(assigned.group(2));
            }
        }
        if (secret.isEmpty()) {
            return s;
        }
        return SanitizerCommands.redactGroup(s, BOUND_PARAMETER.matcher(s).region(list, s.length()),
                m -> secret.contains(m.group(1)) ? 2 : 0);
    }

    /**
     * Where an unquoted member's value ends in a record's dump: at the next ", Name = " or ": " member, or
     * at the object's close. .NET and Kotlin print a string member as it is, spaces and all
     * ({@code Value = correct horse battery, Properties = ...}); {@code plainEnd} is {@code end}.
     */
    private static int memberEnd(String s, int start, int plainEnd) {
        if (start > 0 && (s.charAt(start - 1) == '"' || s.charAt(start - 1) == '\'')) {
            return plainEnd; // quoted: the quote ended it
        }
        int limit = Math.min(s.length(), start + 256);
        for (int i = plainEnd; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '}' || c == ')' || c == ']') {
                int end = i;
                while (end > plainEnd && s.charAt(end - 1) == ' ') {
                    end--;
                }
                return end;
            }
            if (c == ',' && i + 1 < limit && s.charAt(i + 1) == ' ') {
                int j = i + 2;
                while (j < limit && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                while (j < limit && s.charAt(j) == ' ') {
                    j++;
                }
                if (j > i + 2 && j < limit && (s.charAt(j) == '=' || s.charAt(j) == ':')) {
                    return i;
                }
            }
        }
        return plainEnd;
    }

    /** The span of the value that goes with the naming field at {@code [namingStart, namingEnd)}, or null. */
    private static int[] siblingValue(String s, int namingStart, int namingEnd, Matcher value) {
        int scopeStart = Math.max(0, namingStart - MAX_NAMED_VALUE_DISTANCE);
        for (int i = namingStart - 1; i >= scopeStart; i--) {
            char c = s.charAt(i);
            if (c == '{' || c == '<' || c == '}' || c == '>' || c == '[') {
                scopeStart = i + 1;
                break;
            }
        }
        int limit = Math.min(s.length(), namingEnd + MAX_NAMED_VALUE_DISTANCE);
        int scopeEnd = limit;
        boolean tagClosed = false;
        for (int i = namingEnd; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '}' || c == '{' || c == '<' || c == ']') {
                scopeEnd = i;
                break;
            }
            if (c == '>') {
                scopeEnd = i;
                tagClosed = i > 0 && s.charAt(i - 1) != '/';
                break;
            }
        }
        value.region(namingEnd, scopeEnd);
        if (value.find()) {
            return valueAt(s, value.end(), scopeEnd);
        }
        value.region(scopeStart, namingStart);
        if (value.find()) {
            return valueAt(s, value.end(), namingStart);
        }
        if (tagClosed && scopeStart > 0 && s.charAt(scopeStart - 1) == '<') {
            // <entry key="password">S3cret</entry>, or <setting name="ApiKey"><value>...</value>
            int textStart = scopeEnd + 1;
            if (s.startsWith("<value>", textStart)) {
                textStart += "<value>".length();
            }
            int next = s.indexOf('<', textStart);
            int textEnd = next < 0 ? s.length() : next;
            return nonValue(s, textStart, textEnd) ? null : new int[] {textStart, textEnd};
        }
        return null;
    }

    private static int[] valueAt(String s, int start, int limit) {
        if (start >= s.length()) {
            return null;
        }
        char first = s.charAt(start);
        int end;
        if (first == '"' || first == '\'') {
            start++;
            end = closingQuote(s, start, String.valueOf(first));
        } else if (first == '{') {
            int[] braced = bracedValue(s, start);
            return braced;
        } else if (first == '[' && start + 1 < s.length() && (s.charAt(start + 1) == '"' || s.charAt(start + 1) == '\'')) {
            // .NET's headers {"Key":"Authorization","Value":["Basic ..."]}: the value is the array's string
            return valueAt(s, start + 1, limit);
        } else {
            end = Math.min(plainEnd(s, start, false), Math.max(limit, start));
        }
        return nonValue(s, start, end) ? null : new int[] {start, end};
    }

    /** Redacts the values of sensitive {@code name=value}, {@code name: value} and JSON pairs. */
    static String redactPairs(String s, SanitizerSettings settings) {
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        int from = 0;
        SanitizerPairs.Pair m;
        while (from < s.length() && (m = SanitizerPairs.next(s, from)) != null) {
            from = m.separatorEnd();
            if (!nameBoundary(s, m.nameStart())) {
                continue;
            }
            String name = m.name(s);
            if (m.separator().trim().equals(":") && m.end() < s.length() && s.charAt(m.end()) == ':') {
                // "ActionDispatch::Cookies::CookieOverflow", "Auth::Token::Error": a namespace path; Haskell's
                // "connectPassword :: String": a type signature
                continue;
            }
            if (m.separator().trim().equals("::") && isTypeName(s, m.end())) {
                continue; // Haskell's "apiKey :: String" gives a type, not a value
            }
            if (isSourceFileName(name) && m.separator().equals(":") && m.end() < s.length()
                    && Character.isDigit(s.charAt(m.end()))) {
                continue; // a stack frame's "TokenFilter.java:57" is a file and a line
            }
            Strength strength = strengthOf(s, m.nameStart(), name, settings);
            if (strength == Strength.WEAK && name.equalsIgnoreCase("pass") && userNamedBefore(s, m.nameStart())
                    && !isCountAt(s, m.end())) {
                strength = Strength.STRONG; // auth: { user: 'x', pass: 'y' }: beside a user, "pass" is its password
            }
            if (strength != Strength.NONE && isCookieHeader(name) && m.end() >= copied) {
                int[] extent = cookieExtent(s, m);
                if (extent != null) {
                    for (int[] value : cookieValues(s, extent[0], extent[1])) {
                        out.append(s, copied, value[0]).append(REDACTED);
                        copied = value[1];
                    }
                    from = Math.max(from, extent[1]);
                }
                continue;
            }
            int[] span;
            if (strength == Strength.NONE) {
                span = neutralValueSpan(s, m, name);
            } else {
                span = valueSpan(s, m, name, strength, settings);
            }
            if (span == null || span[0] < copied) {
                continue;
            }
            out.append(s, copied, span[0]).append(REDACTED);
            copied = span[1];
            from = Math.max(from, span[1]);
        }
        return out.append(s, copied, s.length()).toString();
    }

    /**
     * True when a name may start at {@code at}: not inside a word, a dotted name or a URL path
     * ("/oauth2/token: 400" keeps its status), but after the dashes of a flag ("--password=",
     * "-Dspring.datasource.password="). The pattern has already ruled out ASCII letters and digits.
     */
    private static boolean nameBoundary(String s, int at) {
        if (at == 0) {
            return true;
        }
        char before = s.charAt(at - 1);
        if (before == '-') {
            int dashes = at >= 2 && s.charAt(at - 2) == '-' ? 2 : 1;
            int flagStart = at - dashes;
            return flagStart == 0 || "\"'([,;=` ".indexOf(s.charAt(flagStart - 1)) >= 0
                    || Character.isWhitespace(s.charAt(flagStart - 1));
        }
        if (at >= 3 && (s.regionMatches(true, at - 3, "%3F", 0, 3) || s.startsWith("%26", at - 3))) {
            return true; // a query parameter of a URL nested, encoded, in another
        }
        if (before == '/' && s.regionMatches(true, at, "token:", 0, 6)) {
            // Zendesk's "agent@acme.io/token:<api token>" user name
            int word = at - 1;
            while (word > 0 && !Character.isWhitespace(s.charAt(word - 1)) && at - word < 128) {
                word--;
            }
            return s.substring(word, at).indexOf('@') > 0;
        }
        if (before == '*') {
            // C's pointer declarations (char *password = "x", **api_key), but "Cmdk3y*Pw: ..." ends a password
            int star = at - 1;
            while (star > 0 && at - star < 3 && s.charAt(star - 1) == '*') {
                star--;
            }
            return star == 0 || Character.isWhitespace(s.charAt(star - 1)) || "(,".indexOf(s.charAt(star - 1)) >= 0;
        }
        // "Cmdk3y!Pw: ..." is the end of a password, not a name "Pw"
        return before != '/' && !Character.isLetterOrDigit(before) && "!^~".indexOf(before) < 0;
    }

    /** True when a capitalized word of letters alone, as a type's name is, stands at {@code at}. */
    private static boolean isTypeName(String s, int at) {
        int i = at;
        while (i < s.length() && i - at < 64 && Character.isLetter(s.charAt(i))) {
            i++;
        }
        return i > at && Character.isUpperCase(s.charAt(at)) && (i == s.length() || !Character.isLetterOrDigit(s.charAt(i))
                && "!@#$%^&*_-".indexOf(s.charAt(i)) < 0);
    }

    /** True when a number stands at {@code at}: "tests for user ana: pass: 12, fail: 0" counts. */
    private static boolean isCountAt(String s, int at) {
        int i = at;
        while (i < s.length() && i - at < 12 && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i > at && (i == s.length()
                || !Character.isLetterOrDigit(s.charAt(i)) && "!#$%^&*@".indexOf(s.charAt(i)) < 0);
    }

    /** How far before a "pass" its user's name is looked for. */
    private static final int MAX_USER_DISTANCE = 120;

    /**
     * True when a user's name comes shortly before {@code at}: nodemailer's and request's
     * {@code auth: { user, pass }}, an FTP config's user=x pass:y. "pass" alone is also a verb.
     */
    private static boolean userNamedBefore(String s, int at) {
        int from = Math.max(0, at - MAX_USER_DISTANCE);
        for (int i = at - 4; i >= from; i--) {
            if (s.regionMatches(true, i, "user", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    /** Longest table cell taken as a value. */
    private static final int MAX_CELL = 256;

    /**
     * Redacts the value beside a secret's name in a two-column table: a Markdown or AWS CLI table
     * ({@code | DB_PASSWORD | x |}), and an error page's environment table, where an environment
     * variable's name is followed by its quoted value after spaces (Whoops' and Symfony's
     * {@code DB_PASSWORD "x"}).
     */
    static String redactTableCells(String s, SanitizerSettings settings) {
        if (s.indexOf('|') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        int n = s.length();
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (c != '|' && c != '"' || s.charAt(i - 1) != ' ') {
                continue;
            }
            int nameEnd = i - 1;
            while (nameEnd > 0 && s.charAt(nameEnd - 1) == ' ') {
                nameEnd--;
            }
            int nameStart = nameEnd;
            while (nameStart > 0 && nameEnd - nameStart < SanitizerPairs.MAX_NAME
                    && (Character.isLetterOrDigit(s.charAt(nameStart - 1))
                    || "_.-".indexOf(s.charAt(nameStart - 1)) >= 0)) {
                nameStart--;
            }
            if (nameStart == nameEnd || nameStart < copied) {
                continue;
            }
            String name = s.substring(nameStart, nameEnd);
            int[] value = null;
            if (c == '|') {
                int before = nameStart - 1;
                while (before >= 0 && s.charAt(before) == ' ') {
                    before--;
                }
                int close = indexOfWithin(s, '|', i + 1, MAX_CELL);
                int rowEnd = close + 1;
                while (close > 0 && rowEnd < n && s.charAt(rowEnd) == ' ') {
                    rowEnd++;
                }
                // a two-column row ends after its value's cell; in a wider one only a variable's name
                // (| DB_PASSWORD | x | set by ops |) says the next cell is its value, "| db-creds | Opaque |
                // 2 |" lists a resource
                boolean twoColumns = close > 0 && (rowEnd == n || s.charAt(rowEnd) == '|' || close + 1 < n
                        && s.charAt(close + 1) == '|');
                if (before >= 0 && s.charAt(before) == '|' && close > i + 1 && s.charAt(close - 1) == ' '
                        && (twoColumns || isEnvName(name))
                        && SanitizerKeys.strength(name, settings) == Strength.STRONG) {
                    int start = i + 1;
                    int end = close;
                    while (start < end && s.charAt(start) == ' ') {
                        start++;
                    }
                    while (end > start && s.charAt(end - 1) == ' ') {
                        end--;
                    }
                    value = new int[] {start, end};
                }
            } else if (isEnvName(name) && SanitizerKeys.strength(name, settings) == Strength.STRONG
                    && (nameStart == 0 || s.charAt(nameStart - 1) == ' ')) {
                int close = indexOfWithin(s, '"', i + 1, MAX_CELL);
                int space = close < 0 ? -1 : indexOfWithin(s, ' ', i + 1, close - i - 1);
                // DB_PASSWORD "is not set": a sentence in quotes is what the tool says about it
                boolean sentence = space > 0 && SanitizerValues.isProseWord(s.subSequence(i + 1, space));
                value = close > i + 1 && !sentence ? new int[] {i + 1, close} : null;
            }
            if (value == null || nonValue(s, value[0], value[1]) || s.startsWith(REDACTED, value[0])) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(s, copied, value[0]).append(REDACTED);
            copied = value[1];
            i = value[1];
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /**
     * Redacts what pydantic echoes of an invalid field whose name is a secret's:
     * {@code 1 validation error for LoginForm password String should match pattern ... [type=...,
     * input_value='x', input_type=str]}. The field's name starts the error, after the model's name or
     * the previous error's closing bracket.
     */
    static String redactValidationInputs(String s, SanitizerSettings settings) {
        int at = s.indexOf("input_value=");
        if (at < 0) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        for (; at >= 0; at = s.indexOf("input_value=", at + 1)) {
            int start = at + "input_value=".length();
            if (start >= s.length() || s.startsWith(REDACTED, start) || !validationFieldIsSecret(s, at, settings)) {
                continue;
            }
            int end;
            char first = s.charAt(start);
            if (first == '\'' || first == '"') {
                start++;
                end = closingQuote(s, start, String.valueOf(first));
            } else {
                if (first == '{' || first == '[') {
                    continue; // the model's whole input, whose own pairs the pair rules have judged
                }
                end = s.indexOf(", input_type=", start);
                if (end < 0 || end - start > MAX_CELL) {
                    continue;
                }
            }
            if (start < copied || nonValue(s, start, end)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, start).append(REDACTED);
            copied = end;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** True when the pydantic error holding {@code at} is about a field whose name (or its last part) is a secret's. */
    private static boolean validationFieldIsSecret(String s, int at, SanitizerSettings settings) {
        int bracket = lastIndexWithin(s, "[type=", at, MAX_CELL);
        if (bracket < 0) {
            return false;
        }
        int entry = lastIndexWithin(s, "]", bracket, 2 * MAX_CELL);
        int model = lastIndexWithin(s, " for ", bracket, 2 * MAX_CELL);
        int start = Math.max(entry + 1, model < 0 ? -1 : model + " for ".length());
        if (start <= 0 && bracket > 2 * MAX_CELL) {
            return false;
        }
        if (start == model + " for ".length()) {
            int modelEnd = s.indexOf(' ', start);
            start = modelEnd < 0 || modelEnd > bracket ? bracket : modelEnd + 1;
        }
        while (start < bracket && s.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < bracket && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        String field = s.substring(start, end);
        int dot = field.lastIndexOf('.');
        return !field.isEmpty() && SanitizerKeys.strength(dot >= 0 ? field.substring(dot + 1) : field, settings)
                == Strength.STRONG;
    }

    /** Where {@code word} last starts before {@code at} and at most {@code limit} before it, or -1. */
    private static int lastIndexWithin(String s, String word, int at, int limit) {
        for (int i = at - word.length(); i >= 0 && at - i <= limit; i--) {
            if (s.startsWith(word, i)) {
                return i;
            }
        }
        return -1;
    }

    /** A flag's name loses its "-D" or "-P" ("-Dpwd=", "-Pnexus.pass="), so both forms are looked at. */
    private static Strength strengthOf(String s, int nameStart, String name, SanitizerSettings settings) {
        Strength strength = SanitizerKeys.strength(name, settings);
        if (strength != Strength.STRONG && nameStart > 0 && s.charAt(nameStart - 1) == '-' && name.length() > 2
                && (name.charAt(0) == 'D' || name.charAt(0) == 'P')) {
            Strength bare = SanitizerKeys.strength(name.substring(1), settings);
            return bare.compareTo(strength) > 0 ? bare : strength;
        }
        return strength;
    }

    /**
     * Values under names that do not say "secret" but are one anyway: an OAuth authorization code or a
     * function key in a query string ({@code ?code=...}), and a quoted key-like blob under a neutral
     * name ({@code "value":"<88 characters of base64>"} in a listing of storage account keys).
     */
    private static int[] neutralValueSpan(String s, SanitizerPairs.Pair m, String name) {
        int start = m.end();
        String openQuote = m.openQuote();
        if ((name.equals("p") || name.equals("pw")) && openQuote == null && inQuery(s, m.nameStart())
                && hasUserParameter(s, m.nameStart())) {
            // InfluxDB 1.x and other HTTP APIs: ?u=grafana&p=<password>; but p=2 is a page
            int end = plainEnd(s, start, true);
            boolean page = end - start <= 4 && s.substring(start, end).chars().allMatch(Character::isDigit);
            return page || nonValue(s, start, end) ? null : new int[] {start, end};
        }
        if (openQuote == null && name.startsWith("BUNDLE_") && name.contains("__")) {
            // Bundler's credentials for a gem source, BUNDLE_GEMS__ACME__IO=user:password
            int end = plainEnd(s, start, false);
            int colon = indexOfWithin(s, ':', start, end - start);
            return colon > start && colon + 1 < end && !nonValue(s, colon + 1, end) ? new int[] {colon + 1, end} : null;
        }
        if ((name.equalsIgnoreCase("code") || name.equalsIgnoreCase("ticket")) && openQuote == null
                && inQuery(s, m.nameStart())) {
            int end = plainEnd(s, start, true);
            CharSequence value = s.subSequence(start, end);
            boolean codeLike = SanitizerValues.isErrorCode(value) || SanitizerValues.isIdentifier(value)
                    || value.chars().allMatch(Character::isDigit);
            return value.length() >= 10 && !codeLike ? new int[] {start, end} : null;
        }
        if (SanitizerKeys.isKeyShapedName(name)) {
            int end = openQuote == null ? plainEnd(s, start, true) : closingQuote(s, start, openQuote);
            return SanitizerValues.isHexKey(s.subSequence(start, end)) ? new int[] {start, end} : null;
        }
        if (openQuote == null || isDiagnosticName(name)) {
            return null;
        }
        int end = closingQuote(s, start, openQuote);
        return SanitizerValues.isHighEntropyBlob(s.subSequence(start, end)) ? new int[] {start, end} : null;
    }

    private static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "kt", "kts", "scala", "groovy", "clj", "py",
            "js", "mjs", "cjs", "ts", "tsx", "jsx", "go", "rb", "cs", "vb", "fs", "php", "c", "cc", "cpp", "cxx", "h",
            "hpp", "rs", "swift", "m", "mm", "dart", "ex", "exs", "erl", "lua", "pl", "pm", "sh", "ps1", "sql");

    /** True for "TokenFilter.java", "auth_token.py": a source file, whose ":57" is a line number. */
    private static boolean isSourceFileName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && SOURCE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** True for the headers that carry cookies: Cookie, Set-Cookie, cookie in a JSON dump. */
    private static boolean isCookieHeader(String name) {
        String key = SanitizerKeys.normalize(name);
        return key.equals("cookie") || key.equals("setcookie") || key.equals("cookies") || key.equals("cookie2")
                || key.equals("setcookie2");
    }

    /** Where a cookie header's value starts and ends: inside its quotes, or the cookie list unquoted. */
    private static int[] cookieExtent(String s, SanitizerPairs.Pair m) {
        int start = m.end();
        if (start >= s.length() || m.openQuote() == null && (s.charAt(start) == '{' || s.charAt(start) == '[')) {
            // cookies={'sessionid': 'x'}: a language's map of cookies, whose own pairs the loop reaches next
            return null;
        }
        if (m.openQuote() != null) {
            return new int[] {start, closingQuote(s, start, m.openQuote())};
        }
        return new int[] {start, cookieEnd(s, start)};
    }

    // Set-Cookie attributes: about the cookie, not its value, and what a reader needs to diagnose it.
    private static final Set<String> COOKIE_ATTRIBUTES = Set.of("path", "domain", "expires", "maxage", "samesite",
            "version", "priority", "comment", "commenturl", "port", "secure", "httponly", "partitioned");

    /**
     * The values of the cookies in {@code s[start, end)}, "name=value" joined by ';': each is a session
     * or a token as far as anyone can tell, so each is redacted while its name and Set-Cookie's
     * attributes (Path, Expires, HttpOnly, SameSite) stay. A bare value without a name is redacted whole.
     */
    private static java.util.List<int[]> cookieValues(String s, int start, int end) {
        java.util.List<int[]> values = new java.util.ArrayList<>();
        int i = start;
        while (i < end) {
            while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == ';')) {
                i++;
            }
            int segmentEnd = i;
            while (segmentEnd < end && s.charAt(segmentEnd) != ';') {
                segmentEnd++;
            }
            if (segmentEnd == i) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0 || eq >= segmentEnd) {
                String word = s.substring(i, segmentEnd).strip();
                if (!COOKIE_ATTRIBUTES.contains(SanitizerKeys.normalize(word)) && !nonValue(s, i, segmentEnd)) {
                    values.add(new int[] {i, segmentEnd});
                }
            } else {
                String attribute = SanitizerKeys.normalize(s.substring(i, eq));
                int valueEnd = segmentEnd;
                while (valueEnd > eq + 1 && s.charAt(valueEnd - 1) == ' ') {
                    valueEnd--;
                }
                if (valueEnd > eq + 2 && s.charAt(valueEnd - 1) == ')' && s.lastIndexOf('(', valueEnd) <= eq) {
                    valueEnd--; // (Cookie: a=x; theme=dark): the bracket closes the remark the header is in
                }
                if (!COOKIE_ATTRIBUTES.contains(attribute) && !nonValue(s, eq + 1, valueEnd)
                        && !s.startsWith(REDACTED, eq + 1) && !isPreferenceValue(s, eq + 1, valueEnd)) {
                    values.add(new int[] {eq + 1, valueEnd});
                }
            }
            i = segmentEnd + 1;
        }
        return values;
    }

    /**
     * "theme=dark", "lang=en-US": a cookie that holds a short word is a preference, never a session,
     * which is generated and long.
     */
    private static boolean isPreferenceValue(String s, int start, int end) {
        if (end - start > 12 || end == start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** True when the query holding the parameter at {@code nameStart} names a user before it (u=, user=, username=). */
    private static boolean hasUserParameter(String s, int nameStart) {
        int queryStart = nameStart - 1;
        while (queryStart >= 0 && nameStart - queryStart <= MAX_PREVIOUS_PAIR && s.charAt(queryStart) != '?') {
            queryStart--; // bounded: many "&p=" in one window must not each scan back to its start
        }
        if (queryStart < 0 || s.charAt(queryStart) != '?') {
            return false;
        }
        String query = s.substring(queryStart, nameStart);
        return query.contains("?u=") || query.contains("&u=") || query.contains("?user=") || query.contains("&user=")
                || query.contains("?username=") || query.contains("&username=");
    }

    /** True when the name at {@code nameStart} is a query parameter: after '?', '&', '#' or their encodings. */
    private static boolean inQuery(String s, int nameStart) {
        if (nameStart == 0) {
            return false;
        }
        char before = s.charAt(nameStart - 1);
        if (before == '?' || before == '&' || before == '#') {
            return true;
        }
        return nameStart >= 3 && s.charAt(nameStart - 3) == '%'
                && (s.startsWith("3F", nameStart - 2) || s.startsWith("3f", nameStart - 2) || s.startsWith("26", nameStart - 2));
    }

    /** Names whose values are ids, hashes and links: kept even when they look random. */
    private static boolean isDiagnosticName(String name) {
        String key = SanitizerKeys.normalize(name);
        return key.endsWith("id") || key.endsWith("ids") || key.contains("hash") || key.contains("digest")
                || key.contains("sha") || key.contains("checksum") || key.contains("md5") || key.contains("etag")
                || key.contains("fingerprint") || key.contains("thumbprint") || key.contains("integrity")
                || key.contains("cursor") || key.contains("continuation") || key.contains("link")
                || key.endsWith("url") || key.endsWith("uri") || key.endsWith("path") || key.contains("nonce")
                || key.equals("state") || key.contains("version") || key.contains("commit");
    }

    /** The part of a sensitive pair's value to replace, or null when there is nothing to hide. */
    private static int[] valueSpan(String s, SanitizerPairs.Pair m, String name, Strength strength,
            SanitizerSettings settings) {
        String openQuote = m.openQuote();
        int start = m.end();
        if (openQuote == null) {
            int anchored = afterYamlAnchor(s, start);
            if (anchored > start) {
                // smtp_password: &smtp "x": a YAML anchor names the node; the quoted scalar after it is the value
                int end = closingQuote(s, anchored + 1, String.valueOf(s.charAt(anchored)));
                return nonValue(s, anchored + 1, end) ? null : new int[] {anchored + 1, end};
            }
            int typed = m.separator().trim().equals(":") ? afterTypeAnnotation(s, start) : -1;
            if (typed > 0) {
                // val password: String = "x", let secret: &str = "x": a declaration's value follows its type
                int end = closingQuote(s, typed + 1, String.valueOf(s.charAt(typed)));
                return nonValue(s, typed + 1, end) ? null : new int[] {typed + 1, end};
            }
            // pass: Some("x"), password=Optional[x], token: Secret("x"): the value is inside the wrapper;
            // auth=HTTPBasicAuth('u', 'x'): a wrapped pair of strings, the second is the secret
            int[] wrapped = wrappedValue(s, start);
            if (wrapped != null) {
                return nonValue(s, wrapped[0], wrapped[1]) ? null : wrapped;
            }
        }
        boolean weak = strength == Strength.WEAK;
        String separator = m.separator().trim();
        // an arrow people type reads as a colon: "token → expired" is a sentence, "password→x" a value
        boolean arrow = separator.equals("\u2192") || separator.equals("\u21D2") || separator.equals("\u2254");
        boolean colon = (separator.equals(":") || separator.equals("\uFF1A") || arrow) && m.closeQuote().isEmpty();
        // "field 'password': length must be ...": a quoted name and a colon read the same
        boolean anyColon = separator.equals(":") || separator.equals("\uFF1A") || arrow;
        if (colon && m.nameStart() > 0 && s.charAt(m.nameStart() - 1) == ':' && !Character.isWhitespace(s.charAt(m.end() - 1))
                && m.separator().equals(":")) {
            // one link of a colon-separated identifier: arn:aws:secretsmanager:eu-west-1:123:secret:prod/db
            return null;
        }
        if (separator.equals(":") && m.closeQuote().isEmpty() && openQuote == null && start < s.length()) {
            int wordEnd = plainEnd(s, start, false);
            if (m.end() == m.separatorEnd() && SanitizerValues.isPlaceholder(s.subSequence(m.nameStart(), wordEnd))) {
                return null; // "key 'Jwt:SigningKey' was not present": a .NET configuration key, not its value
            }
            if (m.separator().equals(": ") && isGoFieldAfterEmptyOne(s, m.nameStart(), start, wordEnd)) {
                return null; // Go's %+v of an empty field: &{User:app Password: SSLMode:require}
            }
        }
        boolean authorization = SanitizerKeys.isAuthorizationHeader(name);
        if (openQuote != null) {
            int end = openQuote.length() == 1 && inConnectionString(s, m.nameStart())
                    ? closingDoubledQuote(s, start, openQuote.charAt(0)) : closingQuote(s, start, openQuote);
            int from = authorization ? afterScheme(s, start, end) : start;
            if (nonValue(s, from, end)) {
                return null;
            }
            CharSequence value = s.subSequence(from, end);
            if (weak && !SanitizerValues.looksLikeCredential(value)
                    || name.equalsIgnoreCase("key") && SanitizerKeys.isSensitive(value.toString(), settings)) {
                // {"key":"deviceName"} or key="DbPassword": a name, not a key
                return null;
            }
            return new int[] {from, end};
        }
        if (start >= s.length()) {
            return null;
        }
        char first = s.charAt(start);
        if (first == '{') {
            return bracedValue(s, start);
        }
        if ((first == 'N' || first == 'E') && start + 1 < s.length() && s.charAt(start + 1) == '\'') {
            // SQL's national and escape strings: PASSWORD = N'x', PASSWORD E'x'
            int end = closingQuote(s, start + 2, "'");
            return nonValue(s, start + 2, end) ? null : new int[] {start + 2, end};
        }
        if (first == '[' && s.startsWith("[[", start)) {
            // Lua's long string: password = [[x y]]
            int close = s.indexOf("]]", start + 2);
            if (close > start + 2 && close - start <= 258 && s.substring(start + 2, close).indexOf(']') < 0) {
                return nonValue(s, start + 2, close) ? null : new int[] {start + 2, close};
            }
        }
        if (first == '(' || first == '[') {
            // auth=('deploy', 'x'), basic_auth=("elastic", "x"), http_auth: ['u', 'x']: a user and its
            // password as a tuple of strings; what follows the user is the secret
            int[] second = secondOfStringPair(s, start);
            if (second != null) {
                // credentials: ["read", "write"] lists permissions, no user and password: in an array, as
                // JSON and YAML print lists, lower-case words are names; a tuple's may be a weak password
                CharSequence rest = s.subSequence(second[0], second[1]);
                boolean names = first == '[' && rest.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '"'
                        || c == '\'' || c == ',' || c == ' ' || c == '_' || c == '-');
                return nonValue(s, second[0], second[1]) || names || SanitizerValues.isProseWord(rest) ? null : second;
            }
            if (first == '(' && start + 1 < s.length() && (s.charAt(start + 1) == '\'' || s.charAt(start + 1) == '"')) {
                return null; // auth=('deploy'): a tuple of a user alone; its '(' is no value
            }
        }
        if (first == '(' && isParenthesizedRemark(s, start)) {
            return null; // "password = (sensitive value)": what the tool printed instead of the value
        }
        if (first == '(' || first == '`' || s.startsWith("string(", start)) {
            int[] literal = languageLiteral(s, start);
            if (literal != null) {
                return nonValue(s, literal[0], literal[1]) ? null : literal;
            }
        }
        int byteList = first == '[' ? SanitizerEntropy.byteListClose(s, start, MIN_NAMED_KEY_BYTES) : -1;
        if (byteList > 0) {
            // Zigbee2MQTT's network_key: [1, 3, 5, ...]: a key's bytes, fewer than a bare list needs
            return new int[] {start + 1, byteList};
        }
        if (first == '[' && !s.startsWith(REDACTED, start)) {
            // "Credentials=[S3cret!]", as Spring Security's tokens and Java's records print a value in
            // brackets: one word alone in them is the value. Nested arrays and lists have their own
            // pairs, which this loop reaches next.
            int close = indexOfWithin(s, ']', start + 1, 256);
            return close > start + 1 && isOneWord(s, start + 1, close) && !nonValue(s, start + 1, close)
                    && !nonValue(s, start, close + 1) ? new int[] {start + 1, close} : null;
        }
        int end;
        String lower = name.toLowerCase(Locale.ROOT);
        if (authorization) {
            start = afterScheme(s, start, s.length());
            if (start > m.end() && s.regionMatches(true, m.end(), "Digest", 0, 6)) {
                return null; // its parameters are handled by redactDigestResponses
            }
            if (start > m.end() && startsQuotedParameter(s, start)) {
                return null; // Token token="...", OAuth oauth_token="...": the loop reaches each parameter
            }
            end = plainEnd(s, start, false);
            if (start == m.end()) {
                // a scheme of its own ("Authorization: Klaviyo-API-Key pk_..."): the credential follows it
                end = schemeCredentialEnd(s, start, end);
            }
        } else if (lower.contains("cookie")) {
            end = cookieEnd(s, start);
        } else if (connectionStringValue(s, m.nameStart(), start, separator)) {
            // Connection string values run to the next ';' and may contain spaces; without a ';' to end
            // it ("...;PASSWORD=x: Wrong user name or password"), the value is one word.
            end = endAtAny(s, start, ";\"'");
            if ((end == s.length() || s.charAt(end) != ';') && hasWhitespace(s, start, end)) {
                end = plainEnd(s, start, false);
            }
        } else {
            int quote = shellQuoteBefore(s, m.nameStart());
            int close = quote < 0 ? -1 : indexOfWithin(s, s.charAt(quote), start, 256);
            // outside a query an '&' is a password's own character ("PASSWORD: Tr0ub4dor&3")
            end = plainEnd(s, start, inQuery(s, m.nameStart()));
            if (end == start && s.charAt(start) == '<' && strength == Strength.STRONG
                    && !XML_OPEN_TAG.matcher(s).region(start, s.length()).lookingAt()) {
                // a Z85 key (ZeroMQ's CURVE secret) may start with '<', which is no tag: it runs to a space
                while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
            }
            if (m.nameStart() > 0 && s.charAt(m.nameStart() - 1) == ';') {
                // a path's matrix parameter ("/cart;jsessionid=...?item=1"): the query is not the value
                int query = endAtAny(s, start, "?#");
                end = Math.min(end, query);
            }
            if (close > end && separator.equals("=") && !pairWithin(s, end, close)) {
                // "-Dgpg.passphrase=a pass phrase": a shell argument quoted around name and value
                return nonValue(s, start, close) ? null : new int[] {start, close};
            }
            CharSequence value = s.subSequence(start, end);
            if (separator.startsWith("....") && isStatusAfterLeader(value)) {
                return null; // "Checking password........OK": an installer's check and its status
            }
            if (isUrlForUrlRules(value)) {
                // "URL that includes credentials: https://u:x@host", "InvalidToken: https://...[REDACTED]/":
                // the URL rules take its user-info and its tokens, and its host is what the reader needs
                return null;
            }
            int urlPath = weak ? 0 : urlPathStart(value);
            if (urlPath > 0 && urlPath < value.length()) {
                // "InvalidToken: https://api.telegram.org/bot<token>/sendMessage": the host says where, the
                // path and query hold what the name calls a secret
                return new int[] {start + urlPath, end};
            }
            if (anyColon && start > 0 && Character.isWhitespace(s.charAt(start - 1)) && startsSnakeAssignment(s, start, end)) {
                // "body lacked access_token: token_type=Bearer": the label's value is missing and the
                // next parameter follows; the loop looks at that pair itself
                return null;
            }
            if (anyColon && !SanitizerKeys.isPasswordName(name) && isSnakeWords(value)) {
                // "refresh_token: invalid_grant", "token: not_before_valid": an error code, which a token's
                // generated characters never read as
                return null;
            }
            if (end - start > 1 && (s.charAt(end - 1) == ':' || s.charAt(end - 1) == '=')
                    && SanitizerKeys.isSensitive(value.subSequence(0, value.length() - 1).toString(), settings)) {
                // "Invalid signature: X-Signature: abc": the value is the next pair's name
                return null;
            }
            if (isCallExpression(value)) {
                return null; // "auth := smtp.PlainAuth(...)", "password = getPassword()": a call, which its own rules read
            }
            if (lower.equals("sid") && (value.length() > 4 && value.toString().startsWith("S-1-")
                    || isSearchId(value))) {
                // a Windows security identifier, or Splunk's search id (1764843907.1234_<guid>): not a session id
                return null;
            }
            if (colon && SanitizerKeys.isCodeLike(name) && !SanitizerValues.looksLikeCredential(value)
                    && !SanitizerKeys.isHostSecret(name, settings)) {
                // "InvalidAuthenticationToken: Access token has expired" is an error code and its text
                return null;
            }
            if (weak && (colon ? !SanitizerValues.looksLikeCredential(value)
                    : SanitizerValues.isProseWord(value) || isPlainName(value) || SanitizerValues.isRelativePath(value)
                    || isFileName(value) || isPlainUrl(value))) {
                // "duplicate key: user_email", "key: deviceName": a sentence, not a credential; an object
                // store's key=2026/01/a.csv names a file; NSErrorFailingURLStringKey=https://... is a URL,
                // whose query's own secrets the URL rules take
                return null;
            }
            if (anyColon && value.length() > 1 && s.charAt(end - 1) == ':'
                    && (SanitizerValues.isIdentifier(value.subSequence(0, value.length() - 1))
                    || value.subSequence(0, value.length() - 1).chars()
                            .allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'))) {
                // "token: oauth2: cannot fetch token": the label of what follows
                return null;
            }
            if (separator.equals(":") && m.end() == m.separatorEnd() && name.indexOf('.') > 0 && value.length() <= 5
                    && value.chars().allMatch(Character::isDigit)) {
                return null; // "secrets-api.prod.acme.internal:8443": a host and its port
            }
            if (separator.equals(":") && m.end() == m.separatorEnd() && value.toString().indexOf(':') > 0
                    && !hasWhitespace(s, start, end) && !SanitizerValues.looksStronglyLikeCredential(value, false)) {
                // "key session:4471:cart", "urn:token:v1": one link of a colon-separated name
                return null;
            }
            if (anyColon && (SanitizerValues.isProseWord(value) || SanitizerValues.isPathLike(value)
                    || SanitizerValues.isCjkText(value)
                    || isLowerWord(value) && nextIsLowerWord(s, end)
                            && !(SanitizerKeys.isPasswordName(name) && isSpacedPasswordToEnd(s, start))
                    || isUpperWord(value) && nextIsText(s, end)
                    || isStatusCode(value) && nextIsText(s, end) || isCount(value) && nextIsLowerWord(s, end))) {
                // "password: must be at least 12 characters", "token: expired", "token: HTTP 401",
                // "Secrets: 3 found" (a count; a PIN has four digits or more)
                return null;
            }
            if (end < s.length() && s.charAt(end) == ',' && startsPair(s, start)) {
                // Stripe-Signature: t=1716000000,v1=<hmac>: the value is a list of parameters
                end = parameterListEnd(s, end);
            }
            int argumentEnd = quotedArgumentEnd(s, start, end);
            if (argumentEnd < 0) {
                return null;
            }
            if (argumentEnd > end) {
                return new int[] {start, argumentEnd};
            }
            int schemeCredentialEnd = schemeCredentialEnd(s, start, end);
            if (schemeCredentialEnd > end) {
                return new int[] {start, schemeCredentialEnd};
            }
            if (SanitizerKeys.isPasswordName(name) && end + 1 < s.length() && s.charAt(end) == '&'
                    && s.charAt(end + 1) == ' ') {
                end++; // "password=Dune& kestrel331": an '&' against the value is its own, as in Tr0ub4dor&3
            }
            if (SanitizerKeys.isPasswordName(name) && end < s.length() && s.charAt(end) == ' '
                    && s.charAt(end - 1) != ':') {
                // "password=my pass w0rd!, maxPoolSize=10": a password may hold spaces
                end = passwordWithSpacesEnd(s, start, end, separator.equals("=") && isEnvName(name));
            } else if (end < s.length() && s.charAt(end) == ' ' && s.charAt(end - 1) != ':' && holdsPhrase(name)) {
                // "[Principal=ops, Credentials=my pass phrase, Authenticated=false]": a credential or secret
                // may be a person's phrase too, where a dump's next member ends it for certain
                int phraseEnd = passwordWithSpacesEnd(s, start, end, false);
                end = phraseEnd > end && phraseEnd < s.length() && s.charAt(phraseEnd) == ',' ? phraseEnd : end;
            }
            if (SanitizerValues.isPathLike(value) && (lower.contains("file") || lower.contains("key")
                    || lower.contains("cert") || lower.contains("pem") || lower.contains("pfx") || lower.contains("dir")
                    || lower.contains("credentials"))) {
                return null;
            }
        }
        return nonValue(s, start, end) ? null : new int[] {start, end};
    }

    /** True for a Splunk search id: the epoch seconds it was dispatched at, '.', a sequence number. */
    private static boolean isSearchId(CharSequence value) {
        int i = 0;
        while (i < value.length() && Character.isDigit(value.charAt(i))) {
            i++;
        }
        if (i != 10 || i + 1 >= value.length() || value.charAt(i) != '.' || !Character.isDigit(value.charAt(i + 1))) {
            return false;
        }
        int j = i + 1;
        while (j < value.length() && Character.isDigit(value.charAt(j))) {
            j++;
        }
        return j == value.length() || value.charAt(j) == '_';
    }

    /**
     * The end of a credential that follows a scheme word under a secret's name ({@code TOKEN=FlyV1 fm2_...},
     * {@code token: Bearer abc...}), or {@code end} when the value is one word.
     */
    private static int schemeCredentialEnd(String s, int start, int end) {
        if (end - start < 2 || end - start > 16 || end + 1 >= s.length() || s.charAt(end) != ' '
                || !Character.isLetter(s.charAt(start))) {
            return end;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) != '-') {
                return end;
            }
        }
        int next = end + 1;
        int nextEnd = plainEnd(s, next, false);
        CharSequence credential = s.subSequence(next, nextEnd);
        return nextEnd - next >= 16 && SanitizerValues.looksStronglyLikeCredential(credential, false) ? nextEnd : end;
    }

    /**
     * The end of a quoted argument after a command under a secret's name
     * ({@code $pw = ConvertTo-SecureString 'x' -AsPlainText}, {@code password = decrypt "x"}): the
     * command is not the secret, its argument is. {@code end} when no quote follows.
     */
    private static int quotedArgumentEnd(String s, int start, int end) {
        int open = end + 1;
        while (open < s.length() && open - end <= SanitizerPairs.MAX_ESCAPES && s.charAt(open) == '\\') {
            open++; // a JSON string's \" (and \\\" a level deeper) opens the argument too
        }
        if (open + 1 >= s.length() || s.charAt(end) != ' ' || (s.charAt(open) != '\'' && s.charAt(open) != '"')
                || !Character.isLetter(s.charAt(start))) {
            return end;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.') {
                return end;
            }
        }
        int close = indexOfWithin(s, s.charAt(open), open + 1, 256);
        if (close > open + 1 && SanitizerValues.isResourceStatus(s, close + 1)) {
            return -1; // secret "db-password" not found: a kind and a name, and what happened to it
        }
        return close > open + 1 ? close : end;
    }

    /**
     * "(sensitive value)", "(hidden)": a remark of lower-case words in parentheses; or an error code
     * in them, as the Azure and AWS CLIs print one after what failed ("--name db-password:
     * (SecretNotFound) A secret ...").
     */
    private static boolean isParenthesizedRemark(String s, int open) {
        int close = indexOfWithin(s, ')', open + 1, 40);
        if (close < 0 || close == open + 1) {
            return false;
        }
        if (isCamelCaseCode(s.subSequence(open + 1, close))) {
            return true;
        }
        for (int i = open + 1; i < close; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && c != ' ' && c != '-') {
                return false;
            }
        }
        return true;
    }

    // How a CamelCase error code ends or begins (SecretNotFound, AccessDenied, InvalidAuthenticationToken).
    private static final List<String> CODE_ENDINGS = List.of("NotFound", "Denied", "Failed", "Failure", "Error",
            "Exception", "Invalid", "Unauthorized", "Forbidden", "Conflict", "Expired", "Exists", "Mismatch",
            "Required", "Missing", "Disabled", "Unavailable", "Exceeded", "Timeout");

    /**
     * True for an error code in CamelCase: letters only, two or more capitalized words that read as
     * words, ending in an error's word ({@code SecretNotFound}) or starting with "Invalid" or "Missing".
     */
    private static boolean isCamelCaseCode(CharSequence value) {
        String v = value.toString();
        boolean codeWord = v.startsWith("Invalid") || v.startsWith("Missing");
        for (String ending : CODE_ENDINGS) {
            codeWord |= v.endsWith(ending);
        }
        if (!codeWord) {
            return false;
        }
        int humps = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAsciiLetter(c)) {
                return false;
            }
            if (Character.isUpperCase(c) && (i == 0 || Character.isLowerCase(value.charAt(i - 1)))) {
                humps++;
            }
        }
        return humps >= 2 && Character.isUpperCase(value.charAt(0)) && SanitizerValues.isIdentifier(value);
    }

    /** "401", "503": an HTTP status, which with text after it is a diagnosis ("token: 401 Unauthorized"). */
    private static boolean isStatusCode(CharSequence value) {
        return value.length() == 3 && value.charAt(0) >= '1' && value.charAt(0) <= '5'
                && Character.isDigit(value.charAt(1)) && Character.isDigit(value.charAt(2));
    }

    /** "3" in "Secrets: 3 found": a small count, shorter than any PIN. */
    private static boolean isCount(CharSequence value) {
        return value.length() <= 3 && value.chars().allMatch(Character::isDigit);
    }

    /** "HTTP", "TLS", "DNS": a protocol or code word; with more text after it, the sentence goes on. */
    private static boolean isUpperWord(CharSequence value) {
        return value.length() >= 2 && value.length() <= 8 && value.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private static boolean nextIsText(String s, int end) {
        return end + 1 < s.length() && s.charAt(end) == ' ' && Character.isLetterOrDigit(s.charAt(end + 1));
    }

    /**
     * The span inside a one-argument wrapper at {@code start} ({@code Some("x")}, {@code Optional[x]},
     * {@code Secret('x')}, {@code SecretString(x)}), as Rust, Scala, Java and Python print an optional or
     * secret-holding value, or the second of two strings in it ({@code HTTPBasicAuth('u', 'x')}); null
     * when no wrapper starts there.
     */
    private static int[] wrappedValue(String s, int start) {
        int i = start;
        while (i < s.length() && i - start <= 16 && Character.isLetter(s.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 16 || i >= s.length() || !Character.isUpperCase(s.charAt(start))
                || s.charAt(i) != '(' && s.charAt(i) != '[') {
            return null;
        }
        char close = s.charAt(i) == '(' ? ')' : ']';
        int from = i + 1;
        if (s.startsWith(REDACTED.substring(0, REDACTED.length() - 1), from)) {
            // Rust's secrecy prints Secret([REDACTED alloc::string::String]): the wrapper holds a mask
            int marker = indexOfWithin(s, ']', from, 96);
            return marker > from ? new int[] {from, marker + 1} : null;
        }
        int[] pair = secondOfStringPair(s, i);
        if (pair != null) {
            return pair;
        }
        if (from < s.length() && (s.charAt(from) == '"' || s.charAt(from) == '\'')) {
            int end = indexOfWithin(s, s.charAt(from), from + 1, 256);
            return end > from + 1 && end + 1 < s.length() && s.charAt(end + 1) == close ? new int[] {from + 1, end} : null;
        }
        int end = indexOfWithin(s, close, from, 256);
        // unquoted, only a wrapper's own name says so: "Summer(2024)!" is a password with brackets in it
        return end > from && isOneWord(s, from, end) && WRAPPERS.contains(s.substring(start, i))
                ? new int[] {from, end} : null;
    }

    // What Rust, Scala, Java, Python and Haskell print around an optional or secret-holding value.
    private static final Set<String> WRAPPERS = Set.of("Some", "Optional", "Secret", "SecretString", "SecretStr",
            "SecretBytes", "SecretBox", "Sensitive", "Redacted", "Masked", "Protected", "Just", "Ok", "Box", "Zeroizing");

    /**
     * In a bracketed tuple of two to eight quoted strings opening at {@code open} ({@code ('user', 'x')},
     * {@code ["user", "x"]}, {@code ('user', 'x', 'realm')}), the span from the second string's first
     * character to the last string's last: what follows the user. A single string is returned when it
     * looks like a credential; null when the brackets hold anything else.
     */
    private static int[] secondOfStringPair(String s, int open) {
        List<int[]> strings = quotedStrings(s, open, s.charAt(open) == '(' ? ')' : ']', 8);
        if (strings == null) {
            return null;
        }
        if (strings.size() > 1) {
            return new int[] {strings.get(1)[0], strings.get(strings.size() - 1)[1]};
        }
        int[] only = strings.get(0);
        return SanitizerValues.looksLikeCredential(s.subSequence(only[0], only[1])) ? only : null;
    }

    /**
     * The spans of the quoted strings of a bracketed list opening at {@code open} and closed by
     * {@code close}, at most {@code max} of them; null when the brackets hold anything but quoted
     * strings, commas and spaces.
     */
    private static List<int[]> quotedStrings(String s, int open, char close, int max) {
        List<int[]> strings = new ArrayList<>();
        int i = open + 1;
        while (strings.size() < max) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= s.length() || s.charAt(i) != '"' && s.charAt(i) != '\'') {
                return null;
            }
            int end = indexOfWithin(s, s.charAt(i), i + 1, 256);
            if (end < 0) {
                return null;
            }
            strings.add(new int[] {i + 1, end});
            i = end + 1;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i < s.length() && s.charAt(i) == close) {
                return strings;
            }
            if (i >= s.length() || s.charAt(i) != ',') {
                return null;
            }
            i++;
        }
        return null;
    }

    /** "orders.csv", "report-2026.json": a file's name, a word and a short lower-case extension. */
    private static boolean isFileName(CharSequence value) {
        int dot = value.toString().lastIndexOf('.');
        int extension = value.length() - dot - 1;
        if (dot <= 0 || extension < 2 || extension > 5) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = i > dot ? c >= 'a' && c <= 'z' : Character.isLetterOrDigit(c) || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s[start, end)} is one word: no space, and no separator of a list or a pair. */
    private static boolean isOneWord(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || ",;=:[{(\"'".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWhitespace(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The quote that opens a shell argument just before a name and its dashes ("-D..., '--x...), or -1. */
    private static int shellQuoteBefore(String s, int nameStart) {
        int i = nameStart - 1;
        while (i >= 0 && nameStart - i <= 2 && s.charAt(i) == '-') {
            i--;
        }
        return i >= 0 && (s.charAt(i) == '"' || s.charAt(i) == '\'') && (i == 0 || s.charAt(i - 1) == ' ') ? i : -1;
    }

    /** True when {@code name="} starts at {@code i}: a parameter of an authorization scheme. */
    private static boolean startsQuotedParameter(String s, int i) {
        int j = i;
        while (j < s.length() && j - i <= 32 && (isAsciiLetter(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        return j > i && j + 1 < s.length() && s.charAt(j) == '=' && s.charAt(j + 1) == '"';
    }

    /** End of ",k=v,k=v" parameters that continue a value at {@code end}, at most a few hundred characters. */
    private static int parameterListEnd(String s, int end) {
        int e = end;
        int limit = Math.min(s.length(), end + 512);
        while (e < limit && s.charAt(e) == ',' && startsPair(s, e + 1)) {
            int next = e + 1;
            while (next < limit && !Character.isWhitespace(s.charAt(next)) && s.charAt(next) != ',') {
                next++;
            }
            e = next;
        }
        return e;
    }

    /**
     * True when a word in {@code s[from, to)} starts another pair: -e "db_password=x app_version=2.3.1"
     * quotes several settings, and the value ends where the next one starts.
     */
    private static boolean pairWithin(String s, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (s.charAt(i) == ' ' && startsPair(s, i + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The secret inside a literal some languages print around a value: PHP var_dump's
     * {@code string(19) "x"}, a JavaScript template literal {@code `x`}, and a Python tuple of a user and
     * a password ({@code 'credentials': ('alerts', 'x')}, whose last string is the secret). Null when
     * the value is none of these.
     */
    private static int[] languageLiteral(String s, int start) {
        if (s.startsWith("string(", start)) {
            int close = indexOfWithin(s, ')', start, 16);
            if (close > 0 && close + 2 < s.length() && s.charAt(close + 1) == ' ' && s.charAt(close + 2) == '"') {
                return new int[] {close + 3, closingQuote(s, close + 3, "\"")};
            }
            return null;
        }
        if (s.charAt(start) == '`') {
            int close = indexOfWithin(s, '`', start + 1, 256);
            int space = close < 0 ? -1 : indexOfWithin(s, ' ', start + 1, close - start - 1);
            if (space > 0 && SanitizerValues.isProseWord(s.subSequence(start + 1, space))) {
                return new int[] {start, start}; // passwd: `cannot be empty`, a sentence in backticks
            }
            return close > start + 1 ? new int[] {start + 1, close} : null;
        }
        // ('user', 'secret'): quoted strings and commas only, up to the closing parenthesis
        List<int[]> strings = quotedStrings(s, start, ')', 4);
        return strings != null && strings.size() >= 2 ? strings.get(strings.size() - 1) : null;
    }

    /**
     * True when the value at {@code [start, end)} is the next field of a Go {@code %+v} struct dump
     * ({@code Field:value}, exported so capitalized) and the name at {@code nameStart} is an exported
     * field inside the same braces: an empty string prints as nothing, so its neighbour follows.
     */
    private static boolean isGoFieldAfterEmptyOne(String s, int nameStart, int start, int end) {
        if (!Character.isUpperCase(s.charAt(nameStart)) || !Character.isUpperCase(s.charAt(start))) {
            return false;
        }
        int colon = start;
        while (colon < end && Character.isLetterOrDigit(s.charAt(colon))) {
            colon++;
        }
        if (colon == end || s.charAt(colon) != ':' || colon + 1 >= end) {
            return false;
        }
        for (int i = nameStart - 1; i >= 0 && nameStart - i < 256; i--) {
            char c = s.charAt(i);
            if (c == '{') {
                return true;
            }
            if (c == '}') {
                return false;
            }
        }
        return false;
    }

    /** "OK", "done", "FAILED": a short word of one case after a dot leader is a check's status. */
    private static boolean isStatusAfterLeader(CharSequence value) {
        return value.length() >= 2 && value.length() <= 8 && value.chars().allMatch(Character::isLetter)
                && (value.chars().allMatch(Character::isUpperCase) || value.chars().allMatch(Character::isLowerCase));
    }

    /**
     * Where the path of a URL starts (its length when it has none, 0 when the value is no URL whose
     * host is a host name): a URL under a secret's name keeps its scheme and host.
     */
    private static int urlPathStart(CharSequence value) {
        String v = value.toString();
        int scheme = v.indexOf("://");
        if (scheme < 2 || scheme > 16 || !Character.isLetter(v.charAt(0))) {
            return 0;
        }
        for (int i = 0; i < scheme; i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '+' && c != '.' && c != '-') {
                return 0;
            }
        }
        int host = scheme + 3;
        int path = host;
        while (path < v.length() && "/?#".indexOf(v.charAt(path)) < 0) {
            path++;
        }
        return path > host && SanitizerValues.isHostName(v.substring(host, path).replaceFirst(":[0-9]{1,5}$", ""))
                ? path : 0;
    }

    /** True for a URL with user-info or an already redacted part, which the URL rules see to. */
    private static boolean isUrlForUrlRules(CharSequence value) {
        String v = value.toString();
        int scheme = v.indexOf("://");
        if (scheme < 2 || !Character.isLetter(v.charAt(0))) {
            return false;
        }
        int path = v.indexOf('/', scheme + 3);
        int at = v.indexOf('@', scheme + 3);
        return at > scheme + 3 && (path < 0 || at < path) || v.contains(REDACTED);
    }

    /** Most words a password with spaces is taken to run over after its first. */
    private static final int MAX_PASSWORD_WORDS = 5;

    /**
     * Where a password that may hold spaces ends, given its first word ends at {@code end}: the words
     * after it are taken when they run to where a field ends (", next=", a closing bracket, a remark in
     * brackets, the end of the text) without anything that reads as the message going on (a flag, another pair, a quote, a
     * path or URL, a label, a word of prose). An environment assignment ({@code DB_PASSWORD=...}) runs
     * to the end of its line as a dotenv file reads it, prose and all, unless a command follows it.
     * Otherwise the first word alone.
     */
    private static final Set<String> SHELL_OPERATORS = Set.of("&&", "||", "|", ";", ">", ">>", "<", "2>&1", "&");

    /** "UNREACHABLE", "FAILED!", "DENIED:": a status in capitals, which a tool prints after its arguments. */
    private static boolean isStatusWord(String word) {
        int n = word.length();
        while (n > 0 && "!:.,".indexOf(word.charAt(n - 1)) >= 0) {
            n--;
        }
        if (n < 4) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (word.charAt(i) < 'A' || word.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the words from {@code start} run to the end of the text as a password with spaces
     * ("password: Sparrow ember 502", "Kennwort lautet: Fichte-Wald 50"): two to five words, none a
     * word of prose, a flag, a pair or a marker, the last holding a digit or a symbol, as people end
     * their passwords; a sentence ends on a word.
     */
    static boolean isSpacedPasswordToEnd(String s, int start) {
        if (s.length() - start > 64 || start >= s.length()) {
            return false;
        }
        String[] words = s.substring(start).split(" ", -1);
        if (words.length < 2 || words.length > MAX_PASSWORD_WORDS) {
            return false;
        }
        for (String word : words) {
            if (word.isEmpty() || SanitizerValues.isProseWord(word) || word.startsWith(REDACTED) || word.contains("://")
                    || word.indexOf('=') >= 0 || word.endsWith(":") || word.indexOf('"') >= 0 || word.indexOf('(') >= 0
                    || "[<{'`".indexOf(word.charAt(0)) >= 0) {
                return false; // a label, a call or a quote: the message goes on
            }
        }
        String last = words[words.length - 1];
        return last.chars().anyMatch(c -> Character.isDigit(c) || SanitizerEntropy.PASSWORD_SYMBOLS.indexOf(c) >= 0);
    }

    private static int passwordWithSpacesEnd(String s, int start, int end, boolean env) {
        if (end - start >= 12 && SanitizerEntropy.looksGenerated(s, start, end)) {
            return end; // a generated password has no spaces: what follows it is the message going on
        }
        if (s.startsWith(REDACTED, start)) {
            return end; // an earlier pass found the value and where it ends
        }
        int n = s.length();
        int i = end;
        for (int words = 0; words < MAX_PASSWORD_WORDS && i < n && s.charAt(i) == ' '; words++) {
            int wordStart = i + 1;
            int wordEnd = wordStart;
            while (wordEnd < n && !Character.isWhitespace(s.charAt(wordEnd)) && wordEnd - start <= 128
                    && !(wordEnd > wordStart && s.charAt(wordEnd) == '"')) {
                wordEnd++;
            }
            // a quote after a word closes the string the field is written in: "msg":"password=a b","level"
            boolean stringEnds = wordEnd < n && s.charAt(wordEnd) == '"';
            if (wordEnd == wordStart) {
                return end;
            }
            String word = s.substring(wordStart, wordEnd);
            // a path or a command's file may stand before the bracket that closes the remark: "... vault.yml)"
            String bare = stripClosers(word);
            char first = word.charAt(0);
            if (first == '(') {
                return i; // "password: Fall 2024 rotation#1 (attempt 3 of 5)": a remark ends the field
            }
            if ((word.equals(";") || word.equals("|")) && !env) {
                // "password=my pass w0rd! ; next": a lone ';' ends the field, as the ' | ' joining a
                // message's lines does
                return i;
            }
            if (SHELL_OPERATORS.contains(word) || isStatusWord(bare)) {
                // "set DB_PASSWORD=x && app.exe", "ansible_password=x UNREACHABLE!": the message goes on
                return end;
            }
            if (words > 0 && startsPair(s, wordStart)
                    && (!env || word.indexOf('=') > 0 && isEnvName(word.substring(0, word.indexOf('='))))) {
                // "password=correct horse battery user=ana": in a line of pairs the words before the next
                // pair are the value's, as no sentence word came between; after an environment variable
                // only another one says so ("PGPASSWORD=x psql host=db" runs a command)
                return i;
            }
            boolean flag = first == '-' && word.length() > 1 && !Character.isDigit(word.charAt(1));
            if (flag || "([<\"'`{".indexOf(first) >= 0 || startsPair(s, wordStart) || word.contains("://")
                    || word.startsWith("./") || word.startsWith("../") // a program run from here: x ./gradlew
                    || SanitizerValues.isRelativePath(bare) // a command's file argument: x tool view group_vars/a.yml
                    || SanitizerValues.isPathLike(bare) || !env && SanitizerValues.isProseWord(word) || word.endsWith(":")
                    || word.indexOf('=') >= 0 || word.startsWith(REDACTED)) {
                return end;
            }
            char last = word.charAt(word.length() - 1);
            if ((last == ',' || last == ';') && wordEnd + 1 < n && s.charAt(wordEnd) == ' ' && (startsPair(s, wordEnd + 1)
                    || startsSpacedPair(s, wordEnd + 1) || s.charAt(wordEnd + 1) == '-')) {
                // "pass = a b c, port = 5432", "[-Dx=a b c, -cp, lib/*]": the next pair or flag of a list
                return wordEnd - 1;
            }
            if ((last == ')' || last == '}' || last == ']') && (wordEnd == n || s.charAt(wordEnd) == ' '
                    || s.charAt(wordEnd) == ',')) {
                return wordEnd - 1;
            }
            if (wordEnd == n || stringEnds) {
                return wordEnd;
            }
            i = wordEnd;
        }
        return end;
    }

    /** {@code word} without the brackets and quotes that close around it. */
    private static String stripClosers(String word) {
        int end = word.length();
        while (end > 1 && ")]}'\"".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(0, end);
    }

    /** Names of a secret that a person may have chosen, besides a password's: credentials, secret, passphrase. */
    private static boolean holdsPhrase(String name) {
        String key = SanitizerKeys.normalize(name);
        return key.contains("credential") || key.contains("secret");
    }

    /** True for an environment variable's name: DB_PASSWORD, MYSQL_PWD. */
    private static boolean isEnvName(String name) {
        return name.length() >= 2 && Character.isUpperCase(name.charAt(0))
                && name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_');
    }

    /** A word of letters only ("unexpected", "Signed", "Jwt"): with a lower-case word after it, prose. */
    private static boolean isLowerWord(CharSequence value) {
        return value.length() > 0 && value.length() <= 20 && value.chars().allMatch(Character::isLetter)
                && value.chars().skip(1).allMatch(Character::isLowerCase);
    }

    /** True when a lower-case word follows {@code end}: "token: unexpected status" is a sentence. */
    private static boolean nextIsLowerWord(String s, int end) {
        int i = end;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int j = i;
        while (j < s.length() && Character.isLetter(s.charAt(j))) {
            j++;
        }
        return i > end && j > i + 1 && (j == s.length() || !Character.isLetterOrDigit(s.charAt(j)));
    }

    private static boolean isPlainName(CharSequence value) {
        return SanitizerValues.isIdentifier(value) && value.chars().noneMatch(Character::isDigit);
    }

    /**
     * A value in braces: an ODBC escape ({@code PWD={p@ss;word}}) is redacted whole; a JSON object
     * ({@code "adminPassword": {"value": "..."}}, an ARM parameter) has its {@code value} member redacted.
     */
    private static int[] bracedValue(String s, int open) {
        int limit = Math.min(s.length(), open + 1024);
        int close = -1;
        boolean json = false;
        for (int i = open + 1; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == ':') {
                json = true;
            }
            if (c == '}') {
                if (i + 1 < limit && s.charAt(i + 1) == '}' && !json) {
                    i++; // an escaped brace inside an ODBC value
                    continue;
                }
                close = i;
                break;
            }
        }
        if (close < 0) {
            return null;
        }
        if (!json) {
            if (close + 1 < s.length() && !Character.isWhitespace(s.charAt(close + 1)) && ",;\"'".indexOf(s.charAt(close + 1)) < 0) {
                // "{cipher}2863d9...": a tag in braces, then the value
                return new int[] {open + 1, plainEnd(s, close + 1, false)};
            }
            return close > open + 1 ? new int[] {open + 1, close} : null;
        }
        Matcher value = VALUE_FIELD.matcher(s).region(open + 1, close);
        if (!value.find()) {
            return null;
        }
        return valueAt(s, value.end(), close);
    }

    /** A URL with a scheme and no user-info: "https://api.example.com/v1/login?user=jdoe". */
    private static boolean isPlainUrl(CharSequence value) {
        String v = value.toString();
        int scheme = v.indexOf("://");
        if (scheme < 2 || scheme > MAX_SCHEME_LENGTH || !v.substring(0, scheme).chars().allMatch(Character::isLetter)) {
            return false;
        }
        int at = v.indexOf('@', scheme + 3);
        return at < 0 || at > endAtAny(v, scheme + 3, "/?#");
    }

    // TypeScript's, Go's and Rust's primitive types, which are not capitalized
    private static final Set<String> LOWER_CASE_TYPES = Set.of("string", "str", "any", "bytes", "char");

    /**
     * Index of the quote that opens a declaration's value after its type ({@code String = "x"},
     * {@code &str = "x"}, {@code Option<String> = "x"}), or -1 when no type and quoted value follow.
     */
    private static int afterTypeAnnotation(String s, int start) {
        int n = s.length();
        int i = start;
        boolean reference = i < n && (s.charAt(i) == '&' || s.charAt(i) == '*');
        if (reference) {
            i++;
        }
        if (i >= n || !Character.isLetter(s.charAt(i))) {
            return -1;
        }
        int typeStart = i;
        while (i < n && i - typeStart < 40 && (Character.isLetterOrDigit(s.charAt(i)) || "_.<>[]?".indexOf(s.charAt(i)) >= 0)) {
            i++;
        }
        // a type is capitalized or a primitive's name; "key: selector = ..." is a name and another pair
        if (!reference && !Character.isUpperCase(s.charAt(typeStart))
                && !LOWER_CASE_TYPES.contains(s.substring(typeStart, i))) {
            return -1;
        }
        int spaces = 0;
        while (i < n && spaces < 3 && s.charAt(i) == ' ') {
            i++;
            spaces++;
        }
        if (spaces == 0 || i + 1 >= n || s.charAt(i) != '=' || s.charAt(i + 1) == '=') {
            return -1;
        }
        i++;
        while (i < n && i - start < 64 && s.charAt(i) == ' ') {
            i++;
        }
        return i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'') ? i : -1;
    }

    /** The index of the quote after a YAML anchor at {@code at} ("&name "), or {@code at} when there is none. */
    private static int afterYamlAnchor(String s, int at) {
        if (at >= s.length() || s.charAt(at) != '&') {
            return at;
        }
        int i = at + 1;
        while (i < s.length() && i - at <= 64 && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                || s.charAt(i) == '-')) {
            i++;
        }
        if (i == at + 1 || i + 1 >= s.length() || s.charAt(i) != ' ') {
            return at;
        }
        char quote = s.charAt(i + 1);
        return quote == '"' || quote == '\'' ? i + 1 : at;
    }

    static boolean nonValue(String s, int start, int end) {
        return end <= start || SanitizerValues.isPlaceholder(s.subSequence(start, end)) || isConstruction(s, start, end);
    }

    /*
     * "secret = new KeyVaultSecret(...)", "char[] password = new char[16]": code that builds the value,
     * whose arguments the call rules judge; the keyword itself is not one.
     */
    private static boolean isConstruction(String s, int start, int end) {
        if (end - start != 3 || !s.startsWith("new ", start)) {
            return false;
        }
        int from = start + 4;
        int at = from;
        while (at < s.length() && at - from < 64 && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_'
                || s.charAt(at) == '.')) {
            at++;
        }
        return at > from && at < s.length() && "([<".indexOf(s.charAt(at)) >= 0;
    }

    /**
     * Index of the quote closing a value opened by {@code openQuote} at {@code start}; the end of the
     * text when it never closes, so a cut-off value is still redacted.
     */
    static int closingQuote(String s, int start, String openQuote) {
        if (openQuote.equals(SanitizerPairs.UNICODE_QUOTE)) {
            int at = s.indexOf(openQuote, start);
            return at < 0 ? s.length() : at;
        }
        char quote = openQuote.charAt(openQuote.length() - 1);
        quote = quote == '\u201C' ? '\u201D' : quote == '\u2018' ? '\u2019' : quote;
        if (openQuote.length() >= 2) {
            // An escaped quote (JSON inside a JSON string, at any depth): it closes at the next quote
            // escaped as deep as it, less the backslashes that escape it; a quote escaped deeper is the
            // value's own ({\"password\":\"a\\\"b\"})
            int depth = openQuote.length() - 1;
            for (int at = s.indexOf(quote, start); at >= 0; at = s.indexOf(quote, at + 1)) {
                int close = at;
                while (close > start && at - close < SanitizerPairs.MAX_ESCAPES && s.charAt(close - 1) == '\\') {
                    close--;
                }
                if (at - close <= depth) {
                    return close;
                }
            }
            return s.length();
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return Math.min(i, s.length());
            }
        }
        return s.length();
    }

    /**
     * Index of the quote closing a connection string value, where a doubled quote stands for one
     * ({@code Password="a""b"}); the end of the text when it never closes.
     */
    private static int closingDoubledQuote(String s, int start, char quote) {
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return s.length();
    }

    /**
     * End of an unquoted value. Whitespace, quotes and angle brackets end it; punctuation that also
     * occurs inside passwords ({@code , ; ) ] } &}) ends it only where a sentence or the next pair
     * goes on, so "p@ss,w0rd" is redacted whole while "password=x, user=y" keeps "user=y".
     */
    static int plainEnd(String s, int start, boolean query) {
        int n = s.length();
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c == '[' && s.startsWith(REDACTED, i)) {
                // an earlier pass's marker is part of the value, not its end
                i += REDACTED.length() - 1;
                continue;
            }
            // CJK's full-width comma and semicolon and its stops end a value too
            if (Character.isWhitespace(c) || "\"'<>|`\uFF0C\uFF1B\u3001\u3002".indexOf(c) >= 0 || escapedQuoteAt(s, i)) {
                return i; // an escaped quote closes the JSON string the value stands in: "(using password: YES)\")"
            }
            if (",;)]}&".indexOf(c) >= 0) {
                if (i + 1 >= n || Character.isWhitespace(s.charAt(i + 1)) || ",;)]}&\"'<>".indexOf(s.charAt(i + 1)) >= 0
                        || escapedQuoteAt(s, i + 1)
                        || startsPair(s, i + 1) || query && c == '&' && startsParameter(s, i + 1)) {
                    // "password=a&=b": a parameter has a name, so an '&' before '=' is the value's own
                    return i;
                }
            }
            if (query && c == '%' && s.startsWith("26", i + 1) && !(start > 0 && s.charAt(start - 1) == '=')) {
                // after a literal '=' an encoded '&' is the value's own (p%40ss%26w0rd); after an
                // encoded "%3D" it separates the parameters of a URL nested in another
                return i;
            }
        }
        return n;
    }

    private static boolean escapedQuoteAt(String s, int i) {
        return i + 1 < s.length() && s.charAt(i) == '\\' && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\'');
    }

    /**
     * True when {@code [start, end)} begins with a snake_case parameter name and '=' followed by more
     * ({@code token_type=Bearer}); a password does not start with a lower-case name with an underscore.
     */
    private static boolean startsSnakeAssignment(String s, int start, int end) {
        int j = start;
        boolean underscore = false;
        while (j < end && j - start <= 64 && (s.charAt(j) >= 'a' && s.charAt(j) <= 'z' || s.charAt(j) == '_'
                || j > start && s.charAt(j) >= '0' && s.charAt(j) <= '9')) {
            underscore |= s.charAt(j) == '_';
            j++;
        }
        return underscore && j - start >= 3 && s.charAt(start) != '_' && j + 1 < end && s.charAt(j) == '=';
    }

    /** True for lower-case words joined by underscores that read as a name ({@code invalid_grant}). */
    private static boolean isSnakeWords(CharSequence value) {
        if (value.length() < 5 || value.charAt(0) == '_' || value.charAt(value.length() - 1) == '_') {
            return false;
        }
        boolean underscore = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '_') {
                underscore = true;
            } else if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return underscore && SanitizerValues.isIdentifier(value);
    }

    /** True when an INI-style {@code name = } pair starts at {@code i}. */
    private static boolean startsSpacedPair(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n && j - i <= 64 && (Character.isLetterOrDigit(s.charAt(j)) || "_.-".indexOf(s.charAt(j)) >= 0)) {
            j++;
        }
        return j > i && j + 2 < n && s.charAt(j) == ' ' && (s.charAt(j + 1) == '=' || s.charAt(j + 1) == ':')
                && s.charAt(j + 2) == ' ' && Character.isLetter(s.charAt(i));
    }

    /** True when a {@code name=} or {@code name:} pair starts at {@code i}. */
    private static boolean startsPair(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n && j - i <= 64 && (Character.isLetterOrDigit(s.charAt(j)) || "_.-".indexOf(s.charAt(j)) >= 0)) {
            j++;
        }
        return j > i && j < n && (s.charAt(j) == '=' || s.charAt(j) == ':') && Character.isLetter(s.charAt(i));
    }

    /**
     * True when a query parameter starts at {@code i}: a name, then '=', '&', '#' or the end
     * ("&page=2", "&submit"). "Tr0ub4dor&3 next" is one password: what follows its '&' is no name.
     */
    private static boolean startsParameter(String s, int i) {
        int n = s.length();
        int j = i;
        while (j < n && j - i <= 64 && (Character.isLetterOrDigit(s.charAt(j)) || "_.-%[]".indexOf(s.charAt(j)) >= 0)) {
            j++;
        }
        return j > i && (j < n && "=&#".indexOf(s.charAt(j)) >= 0 || j == n && !Character.isDigit(s.charAt(i)));
    }

    /** Index of {@code c} in the {@code limit} characters from {@code start}, or -1. */
    private static int indexOfWithin(String s, char c, int start, int limit) {
        int end = Math.min(s.length(), start + limit);
        for (int i = start; i < end; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int endAtAny(String s, int start, String delimiters) {
        for (int i = start; i < s.length(); i++) {
            if (delimiters.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /**
     * End of a cookie header's value: {@code name=value} pairs joined by "; ", with Set-Cookie's
     * attributes ({@code Path=/}, {@code Expires=Wed, 21 Oct 2026 07:28:00 GMT}, {@code HttpOnly}). What
     * follows the last pair is the message going on.
     */
    private static int cookieEnd(String s, int start) {
        int n = s.length();
        int i = start;
        int end = plainEnd(s, start, false);
        boolean first = true;
        while (i < n) {
            int nameEnd = i;
            while (nameEnd < n && nameEnd - i < 128 && "=; ,\"'<>".indexOf(s.charAt(nameEnd)) < 0) {
                nameEnd++;
            }
            String attribute = s.substring(i, nameEnd);
            int valueEnd;
            if (nameEnd < n && s.charAt(nameEnd) == '=') {
                if (attribute.equalsIgnoreCase("expires")) {
                    valueEnd = Math.min(endAtAny(s, nameEnd + 1, ";"), nameEnd + 1 + 40);
                } else if (nameEnd + 1 < n && s.charAt(nameEnd + 1) == '"') {
                    // a quoted cookie value (RFC 6265 allows one): to its closing quote
                    int close = indexOfWithin(s, '"', nameEnd + 2, 4096);
                    valueEnd = close < 0 ? plainEnd(s, nameEnd + 2, false) : close + 1;
                } else {
                    valueEnd = nameEnd + 1;
                    while (valueEnd < n && " ;\"'<>".indexOf(s.charAt(valueEnd)) < 0) {
                        valueEnd++;
                    }
                }
            } else if (!first && (attribute.equalsIgnoreCase("secure") || attribute.equalsIgnoreCase("httponly")
                    || attribute.equalsIgnoreCase("partitioned"))) {
                valueEnd = nameEnd;
            } else if (first) {
                return end;
            } else {
                break;
            }
            end = valueEnd;
            first = false;
            if (valueEnd < n && s.charAt(valueEnd) == ';') {
                i = valueEnd + 1;
                while (i < n && s.charAt(i) == ' ') {
                    i++;
                }
            } else {
                break;
            }
        }
        return end;
    }

    /**
     * Where the credential starts in an authorization value: after its scheme ("Bearer ", "Basic ",
     * "AWS4-HMAC-SHA256 "), which says which kind of credential failed and is kept. A first word with
     * digits or symbols is not a scheme but the credential itself.
     */
    private static int afterScheme(String s, int start, int limit) {
        int schemeEnd = -1;
        for (String scheme : COMPOUND_SCHEMES) {
            if (s.regionMatches(true, start, scheme, 0, scheme.length())) {
                schemeEnd = start + scheme.length();
                break;
            }
        }
        if (schemeEnd < 0) {
            int i = start;
            while (i < limit && i - start <= MAX_SCHEME_LENGTH && isAsciiLetter(s.charAt(i))) {
                i++;
            }
            schemeEnd = i - start >= 2 && i - start <= MAX_SCHEME_LENGTH ? i : -1;
        }
        if (schemeEnd < 0 || schemeEnd + 1 >= limit || s.charAt(schemeEnd) != ' ') {
            return start;
        }
        return schemeEnd + 1;
    }

    /*
     * A name after "key=value;" is inside a connection string ("User ID=ops;Password=..."), and so is a
     * first pair whose value runs to a ';' that starts the next pair ("Password=a b c;Server=..."); one
     * after a ';' ending a path ("/home;jsessionid=...") is not.
     */
    private static boolean connectionStringValue(String s, int nameStart, int valueStart, String separator) {
        if (inConnectionString(s, nameStart)) {
            return true;
        }
        if (!separator.equals("=")) {
            return false; // "API token: Invalid API Token (code 1000); X=y" is a sentence, not a segment
        }
        int limit = Math.min(s.length(), valueStart + 128);
        for (int i = valueStart; i < limit; i++) {
            char c = s.charAt(i);
            if (c == ';') {
                int next = i + 1;
                while (next < s.length() && s.charAt(next) == ' ') {
                    next++;
                }
                return next < s.length() && startsPair(s, next) && s.indexOf('=', next) > next;
            }
            if (c == '=' || c == '"' || c == '\'' || c == '&' || c == '?') {
                return false;
            }
        }
        return false;
    }

    private static boolean inConnectionString(String s, int nameStart) {
        int i = nameStart - 1;
        if (i >= 0 && s.charAt(i) == ' ') {
            i--;
        }
        if (i < 0 || s.charAt(i) != ';') {
            return false;
        }
        for (int j = i - 1; j >= 0 && j >= i - MAX_PREVIOUS_PAIR; j--) {
            char c = s.charAt(j);
            if (c == '=') {
                return true;
            }
            if (c == ';' || c == ' ') {
                return false;
            }
        }
        return false;
    }

    /** Redacts the text of sensitive XML elements: {@code <password>x</password>}, {@code <ns:ClientSecret>}. */
    static String redactXmlElements(String s, SanitizerSettings settings) {
        if (s.indexOf('<') < 0) {
            return s;
        }
        Matcher m = XML_OPEN_TAG.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            from = m.end();
            String name = m.group(1);
            String localName = name.substring(name.lastIndexOf(':') + 1);
            if (s.charAt(m.end() - 2) == '/') {
                continue;
            }
            int start;
            boolean naming = NAMING_FIELDS.contains(localName.toLowerCase(Locale.ROOT));
            int sibling = naming ? siblingElementText(s, m.end(), settings) : -1;
            if (sibling >= 0) {
                // <name>fs.s3a.secret.key</name><value>...</value>, <key>db.password</key><value>...: the
                // name in one element, the secret in the next ("key" names a secret too, so this comes first)
                start = sibling;
            } else if (SanitizerKeys.isSensitive(localName, settings)) {
                start = m.end();
                // <AdministratorPassword><Value>x</Value>...: the secret sits in a value child
                Matcher child = XML_VALUE_TAG.matcher(s).region(start, Math.min(s.length(), start + 64));
                if (child.lookingAt()) {
                    start = child.end();
                }
            } else {
                continue;
            }
            int end;
            if (s.startsWith("<![CDATA[", start)) {
                int close = s.indexOf("]]>", start);
                end = close < 0 ? s.length() : close + 3;
            } else {
                int next = s.indexOf('<', start);
                end = next < 0 ? s.length() : next;
                // "<password>x</password>", or one cut off at the end; "expected 'Bearer <token>')" is
                // a placeholder in a sentence
                boolean closed = next >= 0 && s.startsWith("</", next);
                // ... and "Bearer <token>\",\"thread\"": the JSON string around it closes, not a value
                if (!closed && (next >= 0 || hasWhitespace(s, start, end) || !hasLetterOrDigit(s, start, end)
                        || indexOfWithin(s, '"', start, end - start) >= 0)) {
                    continue;
                }
            }
            if (nonValue(s, start, end) || start < copied) {
                continue;
            }
            if (sibling < 0 && SanitizerKeys.strength(localName, settings) == Strength.WEAK
                    && !SanitizerValues.looksLikeCredential(s.subSequence(start, end))) {
                continue; // <key>deviceName</key>: a weak name's text that reads as a name, not a key
            }
            out.append(s, copied, start).append(REDACTED);
            copied = end;
            from = end;
        }
        return out.append(s, copied, s.length()).toString();
    }

    /**
     * Where the text of the {@code <value>} element after a naming element's text at {@code textStart}
     * starts, when that text names a secret; -1 otherwise.
     */
    private static int siblingElementText(String s, int textStart, SanitizerSettings settings) {
        int textEnd = indexOfWithin(s, '<', textStart, 128);
        if (textEnd <= textStart || !s.startsWith("</", textEnd)
                || !SanitizerKeys.isSensitive(s.substring(textStart, textEnd).strip(), settings)) {
            return -1;
        }
        int limit = Math.min(s.length(), textEnd + MAX_NAMED_VALUE_DISTANCE);
        Matcher value = XML_VALUE_TAG.matcher(s).region(textEnd, limit);
        return value.find() ? value.end() : -1;
    }

    /**
     * Replaces URL user-info that holds a password ({@code https://user:pass@host}, also when the
     * password itself holds an unencoded '@') or looks like a token ({@code https://<token>@host}); a
     * plain user name ({@code ftp://anonymous@host}) is kept.
     */
    static String redactUrlUserInfo(String s) {
        int infoStart = schemeEnd(s, 0);
        if (infoStart < 0) {
            return redactEncodedUserInfo(s);
        }
        StringBuilder out = null;
        int copied = 0;
        while (infoStart >= 0) {
            int infoEnd = infoStart;
            int lastAt = -1;
            while (infoEnd < s.length() && infoEnd - infoStart <= 512) {
                char c = s.charAt(infoEnd);
                if (c == '[' && s.startsWith(REDACTED, infoEnd)) {
                    infoEnd += REDACTED.length();
                    continue;
                }
                if (Character.isWhitespace(c) || "/\"'<>[]".indexOf(c) >= 0) {
                    break;
                }
                int colon = s.indexOf(':', infoStart);
                if ((c == '?' || c == '#') && lastAt < 0 && (colon < 0 || colon > infoEnd)) {
                    // no password started yet: this is the query or fragment of a URL without user-info
                    break;
                }
                if (c == '@') {
                    lastAt = infoEnd;
                }
                infoEnd++;
            }
            if (lastAt > infoStart && infoStart >= copied) {
                String userInfo = s.substring(infoStart, lastAt);
                int colon = userInfo.indexOf(':');
                String password = colon < 0 ? "" : userInfo.substring(colon + 1);
                // "app_user:***@db", "admin:<redacted>@mongo": a client that masked the password printed it
                // so; a token format's marker is no such mask, the user beside it goes with the token
                boolean secret = colon >= 0 && !userInfo.startsWith("[REDACTED]")
                        && (password.startsWith(REDACTED) || !SanitizerValues.isPlaceholder(password))
                        || (colon < 0 ? userInfo.length() : colon) >= 16
                        && SanitizerValues.looksLikeCredential(colon < 0 ? userInfo : userInfo.substring(0, colon));
                if (secret) {
                    if (out == null) {
                        out = new StringBuilder(s.length());
                    }
                    out.append(s, copied, infoStart).append(REDACTED);
                    copied = lastAt;
                }
            }
            infoStart = schemeEnd(s, Math.max(infoEnd, infoStart));
        }
        return redactEncodedUserInfo(out == null ? s : out.append(s, copied, s.length()).toString());
    }

    /** Just past the next "://" at or after {@code from}, or its JSON-escaped ":\/\/"; -1 when there is none. */
    private static int schemeEnd(String s, int from) {
        int plain = s.indexOf("://", from);
        int escaped = s.indexOf(":\\/\\/", from);
        if (escaped >= 0 && (plain < 0 || escaped < plain)) {
            return escaped + 5;
        }
        return plain < 0 ? -1 : plain + 3;
    }

    // A URL percent-encoded into another's query, once or twice: "url=http%3A%2F%2Fsvc%3Apw%40proxy".
    private static final String[][] ENCODED_URL_PARTS = {{"%3A%2F%2F", "%40", "%3A", "%2F"},
        {"%253A%252F%252F", "%2540", "%253A", "%252F"}};

    /** Redacts the user-info of a percent-encoded URL that holds a password, as for a plain one. */
    private static String redactEncodedUserInfo(String s) {
        String out = s;
        for (String[] parts : ENCODED_URL_PARTS) {
            // one pass per encoding over what the last left, so a match of one never hides one of the other
            if (out.indexOf('%') >= 0) {
                out = redactEncodedUserInfo(out, parts);
            }
        }
        return out;
    }

    private static String redactEncodedUserInfo(String s, String[] parts) {
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.length() != s.length()) {
            return s; // a letter that upper-cases to two ('ß'): offsets would not line up, and URLs are ASCII
        }
        StringBuilder out = null;
        int copied = 0;
        for (int at = upper.indexOf(parts[0]); at >= 0; at = upper.indexOf(parts[0], at + 1)) {
            int infoStart = at + parts[0].length();
            int infoEnd = infoStart;
            int lastAt = -1;
            while (infoEnd < s.length() && infoEnd - infoStart <= 512 && !upper.startsWith(parts[3], infoEnd)
                    && !Character.isWhitespace(s.charAt(infoEnd)) && "&\"'<>".indexOf(s.charAt(infoEnd)) < 0) {
                if (upper.startsWith(parts[1], infoEnd)) {
                    lastAt = infoEnd;
                }
                infoEnd++;
            }
            boolean password = lastAt > infoStart && upper.substring(infoStart, lastAt).contains(parts[2]);
            if (password && infoStart >= copied) {
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, infoStart).append(REDACTED);
                copied = lastAt;
            }
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /*
     * user:password@host without a scheme: Go's MySQL DSN (user:pw@tcp(db:3306)/app), Celery's and
     * rsync's shorthands, a log line's "connecting to app:pw@db01:5432". Not after a word, a path or a
     * scheme's "//", which redactUrlUserInfo handles.
     */
    private static final Pattern BARE_USER_INFO = Pattern.compile(
            "(?<![\\w@/:.%+\\-])[A-Za-z0-9][\\w.%+\\-]{0,63}+:([^\\s@/:'\"<>()\\[\\]]{1,128}+)@(tcp\\(|unix\\(|udp\\(|[A-Za-z0-9])");

    // The same before a driver's network address, where a field's "Name:" may come right before the user.
    private static final Pattern NETWORK_USER_INFO = Pattern.compile(
            "(?<![\\w@/.%+\\-])[A-Za-z0-9][\\w.%+\\-]{0,63}+:([^\\s@/:'\"<>()\\[\\]]{1,128}+)@(?:tcp|unix|udp)\\(");

    /**
     * Redacts the password of {@code user:password@host} written without a scheme, when the host is a
     * driver's network address ({@code @tcp(}) or the password looks like one; "mailto:alice@acme.io"
     * and "10:00@host" are not user-info.
     */
    /*
     * A user and a password joined by a slash, as application code concatenates them between the words
     * of a connection: "could not connect as admin/S3cr#t to db01:5432", "refused for bob / x! on host".
     */
    private static final Pattern SLASHED_LOGIN = Pattern.compile("(?i)(?<![\\w-])(?:as|for|user|login)\\s{1,3}+"
            + "[\\w.\\\\@-]{1,64}+\\s{0,2}+/\\s{0,2}+([^\\s/]{6,64}+)\\s{1,3}+(?:to|on|at|against|@)\\s");

    private static final String[] LOGIN_LEADS = {"as ", "for ", "user ", "login ", "AS ", "FOR ", "USER ", "LOGIN "};

    // What must follow the password, so that most texts are passed over without trying the expression.
    private static final String[] LOGIN_TRAILS = {" to ", " on ", " at ", " against ", " @ ", " TO ", " ON ", " AT ",
            " AGAINST ", " To ", " On ", " At ", " Against "};

    /** Redacts the password of a slashed user and password ({@link #SLASHED_LOGIN}) when it has a symbol. */
    static String redactSlashedLogins(String s) {
        if (s.indexOf('/') < 0 || !containsAny(s, LOGIN_LEADS) || !containsAny(s, LOGIN_TRAILS)) {
            return s;
        }
        Matcher m = SLASHED_LOGIN.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            String password = m.group(1);
            if (!isPasswordShaped(password) || password.chars().noneMatch(c -> "!@#$%^&*+=~?".indexOf(c) >= 0)
                    || password.contains("://") || SanitizerValues.isPathLike(password) || m.start(1) < copied) {
                continue; // "for tenant/acme-eu on", a path: no password
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, m.start(1)).append(REDACTED);
            copied = m.end(1);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    static String redactBareUserInfo(String s) {
        if (s.indexOf('@') < 0) {
            return s;
        }
        Matcher m = BARE_USER_INFO.matcher(s).useTransparentBounds(true);
        Matcher network = null;
        StringBuilder out = null;
        int copied = 0;
        for (int at = s.indexOf('@'); at > 0; at = s.indexOf('@', at + 1)) {
            // only the word that ends at this '@' can hold its user-info: search there, not everywhere
            int word = at;
            int colons = 0;
            while (word > 0 && at - word < 200 && !Character.isWhitespace(s.charAt(word - 1))) {
                colons += s.charAt(--word) == ':' ? 1 : 0;
            }
            if (colons == 0) {
                continue;
            }
            int regionEnd = Math.min(s.length(), at + 6); // "@unix(" is the longest address start
            m.region(word, regionEnd);
            Matcher hit = m;
            if (!m.find() || m.end(1) != at) {
                // Go's %+v of a config, {DSN:app:x@tcp(db:3306)/app}: a driver's address after a field's
                // name, which takes a colon of its own
                if (colons < 2) {
                    continue;
                }
                network = network != null ? network : NETWORK_USER_INFO.matcher(s).useTransparentBounds(true);
                hit = network.region(word, regionEnd);
                if (!hit.find() || hit.end(1) != at) {
                    continue;
                }
            }
            String password = hit.group(1);
            boolean address = hit != m || m.group(2).length() > 1;
            boolean secret = !password.chars().allMatch(Character::isDigit) && !password.startsWith("[REDACTED")
                    && !SanitizerValues.isPlaceholder(password) && (address || isPasswordShaped(password));
            if (!secret || hit.start(1) < copied) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, hit.start(1)).append(REDACTED);
            copied = address ? hit.end(1) : passwordAtEnd(s, at);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /**
     * Where a bare user-info's password ends that has an '@' of its own: "credentials admin:Kestrel85@2kQU"
     * names no host after the '@', as mixed case without a dot is no host name (hosts are written in one
     * case or hold a domain), so the rest of the word is the password's. {@code at} otherwise.
     */
    private static int passwordAtEnd(String s, int at) {
        int end = at + 1;
        boolean upper = false;
        boolean lower = false;
        boolean dot = false;
        while (end < s.length() && end - at <= 64 && (Character.isLetterOrDigit(s.charAt(end)) || "-_.".indexOf(s.charAt(end)) >= 0)) {
            char c = s.charAt(end++);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            dot |= c == '.';
        }
        boolean wordEnds = end == s.length() || Character.isWhitespace(s.charAt(end)) || ",;)]}\"'".indexOf(s.charAt(end)) >= 0;
        return upper && lower && !dot && wordEnds ? end : at;
    }

    /*
     * A block's attributes before its value (HCL's variable "x" { type = string sensitive = true
     * default = "..." }); a Python bytes literal (b'...') is the value of a header tuple
     * (b'x-api-key', b'...') as ASGI servers print them.
     */
    private static final String HCL_ATTRIBUTES = "(?:(?!(?:default|value)\\b)[a-z_]{1,16}+\\s{0,3}+=\\s{0,3}+"
            + "(?:[\\w()]{1,32}+|\"[^\"]{0,64}+\")\\s{0,3}+,?+\\s{0,3}+){0,3}+";

    /*
     * A secret's name as one quoted argument and its value as the next: define('DB_PASSWORD', 'x'),
     * os.environ.setdefault("API_KEY", "x"), Map.of("password", "x"), putenv and config setters of
     * every language; and a block named for a secret that gives its value (HCL's
     * variable "admin_password" { default = "x" }).
     */
    private static final Pattern ARGUMENT_PAIR = Pattern.compile(
            "([\"'])([A-Za-z_][\\w.:\\-]{0,63}+)\\1\\s{0,3}+(?:,|=>|\\{\\s{0,3}+" + HCL_ATTRIBUTES
            + "(?:default|value)\\s{0,3}+=)\\s{0,3}+b?+([\"'])([^\"'\\n]{1,256}+)\\3");

    /** True when the quoted strings at {@code [start, end)} are a JSON value and the next member's name. */
    private static boolean isJsonMember(String s, int start, int end) {
        int before = start - 1;
        while (before >= 0 && s.charAt(before) == ' ') {
            before--;
        }
        int after = end;
        while (after < s.length() && s.charAt(after) == ' ') {
            after++;
        }
        return before >= 0 && s.charAt(before) == ':' || after < s.length() && s.charAt(after) == ':';
    }

    /**
     * True when the quoted string opening at {@code open} is an element of a square-bracketed array of
     * strings: a JSON schema's "required" list, a language's list of field names. Function arguments and
     * tuples, where a name is followed by its value, open with '(' or '{'. Looks back over at most eight
     * earlier elements of at most 66 characters, so the cost per match is bounded.
     */
    private static boolean inStringArray(String s, int open) {
        int i = open - 1;
        for (int element = 0; element <= 8; element++) {
            while (i >= 0 && s.charAt(i) == ' ') {
                i--;
            }
            if (i < 0) {
                return false;
            }
            if (s.charAt(i) == '[') {
                return true;
            }
            if (s.charAt(i) != ',') {
                return false;
            }
            i--;
            while (i >= 0 && s.charAt(i) == ' ') {
                i--;
            }
            if (i < 1 || s.charAt(i) != '"' && s.charAt(i) != '\'') {
                return false;
            }
            char quote = s.charAt(i);
            int start = i - 1;
            while (start >= 0 && i - start <= 66 && s.charAt(start) != quote) {
                start--;
            }
            if (start < 0 || i - start > 66) {
                return false;
            }
            i = start - 1;
        }
        return false;
    }

    // Erlang's and Elixir's tagged tuples: {password,"x"}, {:api_key, "x"}, {password, <<"x">>}.
    private static final Pattern TAGGED_TUPLE = Pattern.compile(
            "\\{\\s{0,3}+:?+()([A-Za-z_][\\w]{0,63}+)\\s{0,3}+,\\s{0,3}+(?:<<)?+([\"'])([^\"'\\n]{1,256}+)\\3");

    /*
     * A setter, builder or initializer named for a secret with the value as its one quoted argument:
     * .password("x"), setApiKey("x"), red:auth("x"), std::string password{"x"}. Getters take a name
     * there ("getSecret('db-creds')"), so only a value of a password's or credential's shape counts.
     */
    private static final Pattern CALL_ARGUMENT = Pattern.compile(
            "(?<![\\w$])()([A-Za-z_]\\w{0,63}+)\\s{0,2}+[({]\\s{0,2}+([\"'])([^\"'\\n]{1,256}+)\\3\\s{0,2}+[)}]");

    /*
     * A variable or field named for a secret as an argument before its quoted value: strcpy(cfg.passwd,
     * "x"), strncpy(conf->api_key, "x", n), setenv(password, "x").
     */
    private static final Pattern LVALUE_ARGUMENT = Pattern.compile(
            "[(,]\\s{0,2}+()((?:[A-Za-z_]\\w{0,31}+(?:\\.|->)){0,4}+[A-Za-z_]\\w{0,63}+)\\s{0,2}+,\\s{0,2}+"
            + "([\"'])([^\"'\\n]{1,256}+)\\3");

    /** Redacts the value argument after a quoted secret name ({@code define('DB_PASSWORD', 'x')}). */
    static String redactArgumentPairs(String s, SanitizerSettings settings) {
        if (s.indexOf(',') < 0 && s.indexOf('{') < 0 && s.indexOf("=>") < 0 && s.indexOf('(') < 0) {
            return s;
        }
        String out = mayHoldArgumentPair(s) ? redactArgumentPairs(s, settings, ARGUMENT_PAIR.matcher(s), false) : s;
        out = out.indexOf('{') < 0 ? out : redactArgumentPairs(out, settings, TAGGED_TUPLE.matcher(out), false);
        // each expression only where its quote stands: after a bracket, or after a comma
        if (hasQuoteAfter(out, "({", true)) {
            out = redactArgumentPairs(out, settings, CALL_ARGUMENT.matcher(out), true);
        }
        if (hasQuoteAfter(out, ",", false) && out.indexOf('(') >= 0) {
            out = redactArgumentPairs(out, settings, LVALUE_ARGUMENT.matcher(out), true);
        }
        return out;
    }

    /** True when {@code word} stands in {@code lower} as a word of its own ("val=", not "invalid"). */
    private static boolean hasWord(String lower, String word) {
        for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1)))
                    && (end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when one of {@code openers} is followed, after at most two spaces, by a quote; with
     * {@code callee}, only where a word stands just before the opener: {@code login("x")},
     * {@code password{"x"}}, not a JSON body's {@code , {"error"}.
     */
    private static boolean hasQuoteAfter(String s, String openers, boolean callee) {
        int n = s.length();
        for (int i = 1; i < n; i++) {
            if (openers.indexOf(s.charAt(i)) < 0) {
                continue;
            }
            int before = i - 1;
            while (before > 0 && i - before <= 2 && s.charAt(before) == ' ') {
                before--;
            }
            int j = i + 1;
            while (j < n && j - i <= 3 && s.charAt(j) == ' ') {
                j++;
            }
            if (j < n && (s.charAt(j) == '"' || s.charAt(j) == '\'')
                    && (!callee || Character.isLetterOrDigit(s.charAt(before)) || s.charAt(before) == '_')) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cheap necessary condition for {@link #ARGUMENT_PAIR}: a quoted string, not a JSON value (no ':'
     * before it), then a ',', "=>" or '{' and another quote. JSON bodies, full of quotes, are passed
     * over without trying the expression at each one.
     */
    private static boolean mayHoldArgumentPair(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != ',' && c != '{' && !(c == '=' && i + 1 < n && s.charAt(i + 1) == '>')) {
                continue;
            }
            int close = i - 1;
            while (close >= 0 && close >= i - 4 && s.charAt(close) == ' ') {
                close--;
            }
            if (close < 1 || s.charAt(close) != '"' && s.charAt(close) != '\'') {
                continue;
            }
            int open = close - 1;
            while (open >= 0 && close - open <= 66 && s.charAt(open) != s.charAt(close)) {
                open--; // bounded: a name is at most 64 characters
            }
            if (open < 0 || close - open > 66) {
                continue;
            }
            int before = open - 1;
            while (before >= 0 && s.charAt(before) == ' ') {
                before--;
            }
            if (before < 0 || s.charAt(before) != ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * True for a call in code: a name and its '(' ending the value (smtp.PlainAuth(), or a dotted or
     * camel-case name before its arguments (getPassword("svc"), os.Getenv("X")); "Summer(2024)!" is no call.
     */
    private static boolean isCallExpression(CharSequence value) {
        String v = value.toString();
        int open = v.indexOf('(');
        if (open < 2 || !SanitizerValues.isIdentifier(v.substring(0, open)) || !Character.isLetter(v.charAt(0))) {
            return false;
        }
        boolean camel = false;
        for (int i = 1; i < open; i++) {
            camel |= Character.isUpperCase(v.charAt(i)) && Character.isLowerCase(v.charAt(i - 1));
        }
        return open == v.length() - 1 || v.substring(0, open).indexOf('.') > 0 || camel;
    }

    /** True for a value with a password's or a credential's shape: six or more letters with digits or symbols. */
    private static boolean isPasswordShaped(String value) {
        return !value.chars().allMatch(Character::isDigit) && (SanitizerValues.looksLikeCredential(value)
                || value.length() >= 6 && value.chars().anyMatch(Character::isLetter)
                && value.chars().anyMatch(c -> Character.isDigit(c) || "!#$%^&*+=~?_-.".indexOf(c) >= 0));
    }

    private static String redactArgumentPairs(String s, SanitizerSettings settings, Matcher pattern, boolean shaped) {
        Matcher m = pattern.reset(s);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < s.length() && m.find(from)) {
            from = m.end(2) + 1;
            if (!SanitizerKeys.isSensitive(m.group(2), settings) || m.start(4) < copied
                    || nonValue(s, m.start(4), m.end(4)) || SanitizerKeys.isSensitive(m.group(4), settings)
                    || !shaped && isJsonMember(s, m.start(), m.end())
                    || inStringArray(s, m.start()) && SanitizerValues.isIdentifier(m.group(4))
                    || shaped && (!isPasswordShaped(m.group(4)) || SanitizerValues.isPathLike(m.group(4))
                    || SanitizerValues.isNameLike(m.group(4)) || m.group(4).contains("://"))) {
                // ("password", "token") lists names; "type":"Bearer","expires_in":3599 is JSON;
                // ["client_id","client_secret","tenant_id"] is an array of names (['password', 'x!9'] is not)
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, m.start(4)).append(REDACTED);
            copied = m.end(4);
            from = m.end();
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /**
     * Redacts the path of incoming-webhook URLs (Slack, Discord, Microsoft Teams, Zapier, Feishu,
     * Webex, IFTTT and any {@code /hooks/} or {@code /webhooks/} path with a token-like segment): the
     * URL is the credential, anyone holding it can post.
     */
    static String redactHookUrls(String s) {
        if (s.indexOf("hook") < 0 && s.indexOf("ifttt") < 0 && !containsAny(s, LINK_WORDS)) {
            return s;
        }
        StringBuilder out = null;
        int copied = 0;
        int at = s.indexOf("://");
        while (at >= 0) {
            int hostStart = at + 3;
            int urlEnd = hostStart;
            while (urlEnd < s.length() && !Character.isWhitespace(s.charAt(urlEnd)) && "\"'<>`".indexOf(s.charAt(urlEnd)) < 0) {
                urlEnd++;
            }
            int pathStart = s.indexOf('/', hostStart);
            if (pathStart > 0 && pathStart < urlEnd) {
                String host = s.substring(hostStart, pathStart).toLowerCase(Locale.ROOT);
                int queryStart = indexOfAny(s, pathStart, urlEnd, "?#");
                int[] secret = hookSecret(s, host, pathStart, queryStart);
                if (secret != null && secret[0] >= copied) {
                    if (out == null) {
                        out = new StringBuilder(s.length());
                    }
                    out.append(s, copied, secret[0]).append(REDACTED);
                    copied = secret[1];
                }
            }
            at = s.indexOf("://", Math.max(urlEnd, at + 3));
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static int[] hookSecret(String s, String host, int pathStart, int pathEnd) {
        boolean hookHost = false;
        for (String h : HOOK_HOSTS) {
            hookHost |= host.equals(h) || host.endsWith("." + h) || host.startsWith(h + ":");
        }
        String path = s.substring(pathStart, pathEnd);
        int word = -1;
        int wordLength = 0;
        for (String w : HOOK_WORDS) {
            int i = path.indexOf(w);
            if (i >= 0 && (word < 0 || i < word)) {
                word = i;
                wordLength = w.length();
            }
        }
        if (host.endsWith("ifttt.com")) {
            int key = path.indexOf("/with/key/");
            return key < 0 ? null : new int[] {pathStart + key + 10, pathEnd};
        }
        if (host.endsWith("hooks.slack.com") || host.endsWith("hooks.zapier.com")) {
            word = 0;
            wordLength = 1;
        }
        if (word < 0) {
            return null;
        }
        int secretStart = pathStart + word + wordLength;
        if (secretStart >= pathEnd || s.startsWith("[REDACTED]", secretStart)) {
            return null;
        }
        if (!hookHost) {
            // On other hosts only a token-like segment makes it a secret ("/repos/x/hooks/12345" is an id).
            boolean tokenLike = false;
            for (String segment : HOOK_SEGMENT.split(s.substring(secretStart, pathEnd))) {
                tokenLike |= segment.length() >= 16 && SanitizerValues.looksLikeCredential(segment)
                        || segment.length() >= 24 && segment.chars().allMatch(Character::isLetterOrDigit);
            }
            if (!tokenLike) {
                return null;
            }
        }
        return new int[] {secretStart, pathEnd};
    }

    private static boolean containsAny(String s, String[] words) {
        for (String w : words) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfAny(String s, int from, int to, String chars) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return to;
    }

    /** Redacts credentials after a scheme word outside any header: "sent Bearer abc.def" and the like. */
    static String redactSchemeCredentials(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (!(lower.contains("bearer") || lower.contains("basic") || lower.contains("negotiate")
                || lower.contains("ntlm") || lower.contains("ssws") || lower.contains("splunk")
                || lower.contains("geniekey"))) {
            return s;
        }
        // Each scheme word is found by indexOf and the credential matched from there, rather than a
        // case-insensitive alternation tried at every position.
        Matcher m = SCHEME_CREDENTIAL.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        int at = nextScheme(lower, 0);
        while (at >= 0) {
            m.region(at, s.length());
            int next = at + 1;
            if (m.lookingAt()) {
                next = m.end();
                String credential = m.group(2);
                boolean generated = credential.length() >= 16 && credential.chars().anyMatch(Character::isDigit)
                        && !credential.contains("://");
                if ((SanitizerValues.looksLikeCredential(credential) || generated) && !credential.startsWith("[")
                        && m.start(2) >= copied) {
                    if (out == null) {
                        out = new StringBuilder(s.length());
                    }
                    out.append(s, copied, m.start(2)).append(REDACTED);
                    copied = m.end(2);
                }
            }
            at = nextScheme(lower, next);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static final String[] SCHEME_WORDS = {"bearer", "basic", "negotiate", "ntlm", "ssws", "splunk", "geniekey"};

    /** The next index at or after {@code from} where a scheme word starts a word, or -1. */
    private static int nextScheme(String lower, int from) {
        int best = -1;
        for (String word : SCHEME_WORDS) {
            int i = lower.indexOf(word, from);
            while (i > 0 && Character.isLetterOrDigit(lower.charAt(i - 1))) {
                i = lower.indexOf(word, i + 1);
            }
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Redacts the {@code response} and {@code cnonce} of an HTTP Digest authorization: the response is
     * a hash of the password that can be attacked offline. User name, realm and URI are kept.
     */
    static String redactDigestResponses(String s) {
        if (s.indexOf("igest") < 0) {
            return s;
        }
        Matcher start = DIGEST_START.matcher(s);
        Matcher param = DIGEST_PARAM.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < s.length() && start.find(from)) {
            int at = start.end();
            from = at;
            for (int count = 0; count < 16 && at < s.length(); count++) {
                param.region(at, s.length());
                if (!param.lookingAt() || param.end() == at) {
                    break;
                }
                String name = param.group(1).toLowerCase(Locale.ROOT);
                if (name.equals("response") || name.equals("cnonce")) {
                    int valueStart = param.start(2);
                    int valueEnd = param.end(2);
                    if (s.charAt(valueStart) == '"') {
                        valueStart++;
                        valueEnd--;
                    }
                    if (valueEnd > valueStart && valueStart >= copied) {
                        if (out == null) {
                            out = new StringBuilder(s.length());
                        }
                        out.append(s, copied, valueStart).append(REDACTED);
                        copied = valueEnd;
                    }
                }
                at = param.end();
            }
            from = Math.max(from, at);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static boolean hasLetterOrDigit(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
