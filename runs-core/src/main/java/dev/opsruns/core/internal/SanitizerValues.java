package dev.opsruns.core.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides what a value is when its name alone does not settle it: a credential, a word of prose, an
 * identifier, a path, a GUID, a placeholder. Each test is a single pass over a short string.
 */
final class SanitizerValues {

    /*
     * Words that follow "password:", "token" or "key:" in prose ("password: must be at least 12
     * characters", "token: expired", "the password is incorrect"). A value that is one of them is the
     * sentence going on, not a secret.
     */
    private static final Set<String> PROSE = Set.of("a", "an", "the", "is", "was", "were", "are", "be", "been",
            "being", "has", "have", "had", "must", "should", "shall", "will", "would", "can", "cannot", "could",
            "may", "might", "does", "did", "do", "not", "no", "never", "too", "very", "already", "still", "now",
            "expired", "expire", "expires", "expiring", "invalid", "incorrect", "wrong", "missing", "required",
            "empty", "blank", "short", "long", "weak", "strong", "mismatch", "mismatched", "rejected", "changed",
            "reset", "revoked", "denied", "accepted", "valid", "verified", "unverified", "failed", "failure",
            "error", "provided", "supplied", "given", "match", "matches", "unknown", "set", "unset", "field",
            "value", "please", "try", "change", "update", "updated", "contains", "contain", "containing",
            "needs", "need", "requires", "require", "length", "policy", "complexity", "history", "at", "least",
            "most", "of", "for", "in", "on", "to", "with", "without", "by", "from", "and", "or", "but", "if",
            "that", "this", "which", "it", "its", "only", "also", "one", "none", "any", "all", "some", "new",
            "old", "current", "same", "previous", "different", "refresh", "renewal", "rotation", "rotated",
            "authentication", "authorization", "validation", "verification", "login", "logon", "sign", "signin",
            "reuse", "reused", "used", "unused", "allowed", "disallowed", "forbidden", "locked", "disabled",
            "enabled", "absent", "present", "found", "generated", "issued", "requested", "request", "response",
            "too_short", "too_long", "characters", "chars", "digits", "symbols", "letters", "uppercase",
            "lowercase", "special", "character", "minimum", "maximum", "min", "max", "format", "type", "here",
            "there", "again", "later", "before", "after", "when", "while", "because", "since", "until", "via",
            "using", "into", "onto", "as", "like", "than", "then", "so", "such", "own", "each", "every", "other",
            "another", "our", "your", "their", "his", "her", "my", "we", "you", "they", "he", "she", "i", "me",
            "us", "them", "null", "nil", "undefined", "true", "false", "yes", "ok", "okay", "n/a", "na",
            "unavailable", "available", "unsupported", "supported", "malformed", "corrupt", "corrupted",
            "truncated", "unreadable", "unparseable", "unrecognized", "unrecognised", "not_found", "notfound",
            "exists", "exist", "existing", "doesn't", "isn't", "wasn't", "didn't", "can't", "won't", "couldn't",
            "hasn't", "haven't", "aren't", "weren't", "shouldn't", "mustn't", "lifetime", "scope", "audience",
            "issuer", "signature", "claims", "claim", "header", "payload", "endpoint", "cache", "store",
            "storage", "file", "vault", "manager", "provider", "service", "server", "client", "user", "account",
            "admin", "administrator", "root", "owner", "operator", "policies", "rule", "rules", "requirements",
            "requirement", "confirmation", "confirm", "prompt", "input", "entry", "entered", "typed", "retry",
            "attempt", "attempts", "times", "time", "count", "limit", "exceeded", "reached", "remaining", "left",
            "pending", "active", "inactive", "stale", "outdated", "obsolete", "deprecated", "unknown_token",
            "bad", "good", "fine", "weaker", "stronger", "shorter", "longer", "fewer", "more", "less", "expected",
            "expecting", "unexpected", "helper", "helpers", "keychain", "keyring", "plugin", "backend");

    /** Placeholders and masks that stand for a value without being one. */
    private static final Set<String> PLACEHOLDERS = Set.of("null", "nil", "none", "true", "false", "undefined",
            "redacted", "hidden", "masked", "removed", "omitted", "yes", "no",
            "n/a", "na", "empty", "blank", "unset", "required", "optional", "<redacted>", "<hidden>", "<secret>",
            "<password>", "<token>", "(hidden)", "(redacted)", "[hidden]", "[redacted]", "[filtered]", "[secure]",
            "[masked]", "filtered", "sensitive", "protected", "?", "[protected]", "(protected)", "xxx", "xxxx", "xxxxx", "xxxxxx", "xxxxxxxx", "...", "…",
            "optional.empty", "optionalint.empty", "optionallong.empty", "optionaldouble.empty", "optional.absent()",
            "[secret]", "[sensitive]", "[encrypted]", "value_specified_in_no_log_parameter");

    /*
     * YAML tags that stand where a value would be and say where it comes from: Home Assistant's and
     * ESPHome's "!secret mqtt_password", Ansible's "!vault |", CloudFormation's "!Ref DbPassword".
     */
    private static final Set<String> YAML_REFERENCE_TAGS = Set.of("!secret", "!vault", "!env_var", "!env", "!include",
            "!ref", "!sub", "!getatt", "!importvalue", "!findinmap", "!join", "!select");

    private static final Pattern NAME_SEPARATORS = Pattern.compile("[-_.]");

    private static final String PASSWORD_SYMBOLS = "!@#$%^&*+/=~?";

    private SanitizerValues() {
    }

    /** True for a word that continues a sentence rather than naming a secret ("must", "expired"). */
    static boolean isProseWord(CharSequence value) {
        if (value.length() == 0 || value.length() > 16) {
            return false;
        }
        String word = value.toString().toLowerCase(Locale.ROOT);
        return PROSE.contains(word) || PROSE.contains(stripTrailingPunctuation(word));
    }

    /** True for a value that stands for nothing secret: blank, a literal, a mask, a marker, a template. */
    static boolean isPlaceholder(CharSequence value) {
        String v = value.toString().strip();
        if (v.isEmpty() || v.startsWith("[payload omitted") && v.endsWith("]")) {
            return true;
        }
        if (v.startsWith("[REDACTED")) {
            // a marker, possibly followed by the escaped line break that ended a key inside JSON
            int close = v.indexOf(']');
            return close > 0 && v.substring(close + 1).replace("\\n", "").replace("\\r", "").isBlank();
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(lower) || isVariableReference(v) || YAML_REFERENCE_TAGS.contains(lower)
                || isTemplateHole(v) || isYourPlaceholder(lower)) {
            return true;
        }
        if (lower.startsWith("env:") && isEnvName(v, 4)) {
            return true; // apksigner's --ks-pass env:KS_PASS, openssl's -passin env:VAR: where to read it from
        }
        // ****, xxxx, ••••: a mask of one repeated character
        if (v.length() >= 3 && isOneRepeatedChar(v) && "*x•#.-_=".indexOf(Character.toLowerCase(v.charAt(0))) >= 0) {
            return true;
        }
        // ****7f3a, ••••••1234: a mask that keeps the last few characters as a hint to which one it was
        if (isMaskedHint(v) || isMaskedHint(afterTokenPrefix(v))) {
            return true; // and sk-proj-****Qx7a: a token's public prefix kept beside the mask
        }
        if (v.startsWith("***")) {
            // Spark's "*********(redacted)": a mask and a remark on it
            int stars = 3;
            while (stars < v.length() && v.charAt(stars) == '*') {
                stars++;
            }
            String remark = lower.substring(stars);
            if (PLACEHOLDERS.contains(remark) || PLACEHOLDERS.contains(remark + ")")) {
                return true;
            }
        }
        if (isBindVariable(v) || isConfigReference(v) || isSecretConfigPath(v) || isFormatSpecifier(v)
                || isSecretPath(v)) {
            return true;
        }
        // ${DB_PASSWORD}, {{ .Values.password }}, %DB_PASSWORD%, $(SECRET), <your-key>: references, not values
        return v.startsWith("${") && v.endsWith("}") || v.startsWith("{{") && v.endsWith("}}")
                || v.startsWith("$(") && v.endsWith(")") || v.length() > 2 && v.startsWith("%") && v.endsWith("%")
                || v.length() < 40 && isAngleName(v)
                || v.startsWith("$") && isEnvName(v, 1) || isSecretVariableName(v);
    }

    /*
     * "requested secret: STRIPE_SECRET_KEY", "missing password: DB_PASSWORD": an environment variable's
     * name that itself names a secret is what the message is about, not its value.
     */
    /**
     * "不能为空", "必須項目です": Chinese, Japanese or Korean words with no Latin letter or digit, which is
     * a sentence after a name's colon ("密码：不能为空"), as a password someone types is not.
     */
    static boolean isCjkText(CharSequence value) {
        return value.length() > 0 && value.chars().allMatch(c -> c >= 0x3040 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF
                || c >= 0xFF01 && c <= 0xFF0F || c == 0x3002 || c == 0x3001);
    }

    /** "%s", "%v", "%-12s", "%(password)s", "{}", "{0}": where a format string puts its argument. */
    private static boolean isFormatSpecifier(String v) {
        if (v.equals("{}") || v.length() <= 4 && v.startsWith("{") && v.endsWith("}")
                && v.substring(1, v.length() - 1).chars().allMatch(Character::isDigit)) {
            return true;
        }
        if (v.length() < 2 || v.length() > 32 || v.charAt(0) != '%') {
            return false;
        }
        if (v.charAt(1) == '(') {
            return v.endsWith(")s") || v.endsWith(")r") || v.endsWith(")d");
        }
        int i = 1;
        while (i < v.length() - 1 && "-+ #0123456789.".indexOf(v.charAt(i)) >= 0) {
            i++;
        }
        return i == v.length() - 1 && "sdvqrxS@".indexOf(v.charAt(i)) >= 0;
    }

    private static boolean isSecretVariableName(String v) {
        return v.indexOf('_') > 0 && v.length() <= 64 && isEnvName(v, 0)
                && SanitizerKeys.strength(v, SanitizerSettings.NONE) == SanitizerKeys.Strength.STRONG;
    }

    /*
     * ":pwd", ":'new_password'": a SQL bind variable or psql's quoted variable, which the client fills
     * in; the statement was printed before it was. Also the parameters EF Core names for itself
     * ("SET [ApiKey] = @p2", "@__password_0"); a person's "@dmin42" has neither shape.
     */
    private static boolean isBindVariable(String v) {
        if (v.startsWith("@p") && v.length() > 2 && v.length() <= 6 && v.chars().skip(2).allMatch(Character::isDigit)) {
            return true;
        }
        if (v.startsWith("@__") && v.length() > 5 && v.lastIndexOf('_') > 3
                && v.chars().skip(v.lastIndexOf('_') + 1).allMatch(Character::isDigit) && v.charAt(v.length() - 1) != '_') {
            return isWord(v, 1, v.length());
        }
        if (v.length() < 2 || v.charAt(0) != ':') {
            return false;
        }
        int from = 1;
        int to = v.length();
        if (to - from >= 3 && (v.charAt(from) == '\'' || v.charAt(from) == '"') && v.charAt(to - 1) == v.charAt(from)) {
            from++;
            to--;
        }
        return isWord(v, from, to);
    }

    /*
     * "Jwt:SigningKey", "Authentication:Google:ClientSecret": a .NET configuration key (sections joined
     * by ':') whose last section names a secret. "The given key 'Jwt:SigningKey' was not present" is
     * about the setting, not its value.
     */
    private static boolean isSecretConfigPath(String v) {
        int last = v.lastIndexOf(':');
        if (last <= 0 || last == v.length() - 1 || v.length() > 96) {
            return false;
        }
        for (String section : v.split(":", -1)) {
            if (section.isEmpty() || !Character.isUpperCase(section.charAt(0))
                    || !section.chars().allMatch(Character::isLetter)) {
                return false;
            }
        }
        return SanitizerKeys.strength(v.substring(last + 1), SanitizerSettings.NONE) == SanitizerKeys.Strength.STRONG;
    }

    /*
     * "prod/db-password", "projects/shop/secrets/api-key": a secrets manager's name for a secret, path
     * segments of lower-case names one of which names a secret. "SecretId=prod/db-password was not
     * found" is about where the secret is kept; a value chosen to be secret is not spelled so.
     */
    private static boolean isSecretPath(String v) {
        if (v.length() > 128 || v.indexOf('/') <= 0 || v.endsWith("/")) {
            return false;
        }
        boolean named = false;
        for (String segment : v.split("/", -1)) {
            if (segment.isEmpty() || !Character.isLetterOrDigit(segment.charAt(0))) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && "._-".indexOf(c) < 0) {
                    return false;
                }
            }
            named |= SanitizerKeys.strength(segment, SanitizerSettings.NONE) == SanitizerKeys.Strength.STRONG;
        }
        return named;
    }

    // The roots a Terraform expression reads a value from, instead of holding one.
    private static final List<String> CONFIG_REFERENCE_ROOTS = List.of("var.", "local.", "module.", "data.");

    /** "var.db_password", "module.db.password": a Terraform reference to where the value is kept. */
    private static boolean isConfigReference(String v) {
        for (String root : CONFIG_REFERENCE_ROOTS) {
            if (v.startsWith(root) && v.length() > root.length() && Character.isLetter(v.charAt(root.length()))) {
                for (int i = root.length(); i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** True when {@code v[from, to)} is one identifier: a letter or '_', then letters, digits and '_'. */
    private static boolean isWord(String v, int from, int to) {
        if (to <= from || !Character.isLetter(v.charAt(from)) && v.charAt(from) != '_') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /*
     * "%s", "%d", "%(password)s", "{}", "{0}", "{Password}", "{@Request}": a hole in a printf format or
     * a structured logger's message template, printed before (or instead of) being filled in. A start
     * of one ("{Password") is where a value's end was found at its closing brace.
     */
    private static boolean isTemplateHole(String v) {
        if (v.length() >= 4 && v.length() <= 34 && v.charAt(0) == '[' && v.charAt(v.length() - 1) == ']'
                && v.chars().skip(1).limit(v.length() - 2).allMatch(c -> c >= 'A' && c <= 'Z' || c == '_')) {
            return true; // a usage line's "-p[PASSWORD]"
        }
        if (v.length() >= 2 && v.length() <= 6 && v.charAt(0) == '%') {
            int i = 1;
            while (i < v.length() - 1 && "-+#0 .123456789$".indexOf(v.charAt(i)) >= 0) {
                i++;
            }
            return i == v.length() - 1 && "sdvqrxfiugeT".indexOf(v.charAt(i)) >= 0;
        }
        if (v.length() >= 4 && v.startsWith("%(") && v.indexOf(')') == v.length() - 2) {
            return isWord(v, 2, v.length() - 2) && "sdr".indexOf(v.charAt(v.length() - 1)) >= 0;
        }
        if (v.charAt(0) != '{' || v.length() > 48) {
            return false;
        }
        int to = v.endsWith("}") ? v.length() - 1 : v.length();
        int from = v.length() > 1 && (v.charAt(1) == '@' || v.charAt(1) == '$') ? 2 : 1;
        if (to == 1 && v.length() == 2) {
            return true; // SLF4J's "{}"
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        // all digits ({0}) or a name that starts with a letter and is no longer than a field's
        return to > from && (Character.isLetter(v.charAt(from)) || v.substring(from, to).chars().allMatch(Character::isDigit));
    }

    /** "your_api_key", "YOUR-TOKEN-HERE": what documentation writes where the reader puts theirs. */
    private static boolean isYourPlaceholder(String lower) {
        if (!lower.startsWith("your") || lower.length() < 7 || lower.length() > 48 || "_-".indexOf(lower.charAt(4)) < 0) {
            return false;
        }
        return lower.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '_' || c == '-');
    }

    /** What follows a token's lower-case prefix ("sk-proj-", "ghp_", "dapi") when a mask comes next. */
    private static String afterTokenPrefix(String v) {
        int star = v.indexOf("***");
        if (star <= 0 || star > 12) {
            return "";
        }
        for (int i = 0; i < star; i++) {
            char c = v.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
                return "";
            }
        }
        return v.substring(star);
    }

    private static boolean isMaskedHint(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char mask = v.charAt(0);
        if (mask != '*' && mask != '\u2022' && mask != '\u25CF') {
            return false;
        }
        int i = 0;
        while (i < v.length() && v.charAt(i) == mask) {
            i++;
        }
        int hint = v.length() - i;
        if (i < 3 || hint == 0 || hint > 6) {
            return false;
        }
        for (int j = i; j < v.length(); j++) {
            if (!Character.isLetterOrDigit(v.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    /**
     * "${DB_PASSWORD}" (or its start, where a value's end was found at the brace), "$DB_PASSWORD",
     * "%DB_PASSWORD%": a reference to a variable that was not expanded, not the secret.
     */
    private static boolean isVariableReference(String v) {
        int from;
        int to = v.length();
        if (v.startsWith("${")) {
            from = 2;
            if (v.endsWith("}")) {
                to--;
            }
        } else if (v.startsWith("%") && v.endsWith("%") && v.length() > 2) {
            from = 1;
            to--;
        } else if (v.startsWith("$")) {
            from = 1;
            for (int i = from; i < to; i++) {
                char c = v.charAt(i);
                if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                    return false; // "$ecret9": a password that starts with a dollar
                }
            }
        } else {
            return false;
        }
        if (to - from < 2 || !Character.isLetter(v.charAt(from)) && v.charAt(from) != '_') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-' && c != ':') {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a bare word looks like a credential rather than prose: long enough and with a digit, a
     * base64 or password symbol, or mixed case that is not an identifier ("dXNlcjpwYXNz" does;
     * "authentication", "Lifetime", "deviceName" and "user_email" do not).
     */
    static boolean looksLikeCredential(CharSequence value) {
        if (value.length() < 8) {
            return false;
        }
        boolean lower = false;
        boolean innerUpper = false;
        boolean digit = false;
        boolean symbol = false;
        boolean letter = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                digit = true;
            } else if (PASSWORD_SYMBOLS.indexOf(c) >= 0) {
                symbol = true;
            }
            letter |= Character.isLetter(c);
            lower |= Character.isLowerCase(c);
            innerUpper |= i > 0 && Character.isUpperCase(c);
        }
        if (isGuid(value) || isTimestamp(value) || isVersion(value) || isPathLike(value) || isErrorCode(value)
                || isRelativePath(value) || isColonPath(value)) {
            return false;
        }
        if (digit && !letter) {
            return value.length() >= 12;
        }
        if (digit || symbol) {
            return true;
        }
        return lower && innerUpper && !isIdentifier(value);
    }

    /**
     * A stricter {@link #looksLikeCredential}: for values that follow a name without any separator
     * ("auth_token 8f14e45f...", "API key 4b29a1..."), where a false match would eat ordinary words.
     */
    static boolean looksStronglyLikeCredential(CharSequence value, boolean allowGuid) {
        int n = value.length();
        if (n < 12 || n > 4096 || value.toString().contains("://") || value.toString().indexOf(':') != value.toString().lastIndexOf(':')) {
            return false;
        }
        if (isGuid(value)) {
            return allowGuid;
        }
        int classes = 0;
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if ("+/=_-.~!@#$%^&*:".indexOf(c) >= 0) {
                symbol = true;
            } else {
                return false;
            }
        }
        classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        if (!digit || classes < 2) {
            return false;
        }
        return !isTimestamp(value) && !isVersion(value) && !isPathLike(value) && !isErrorCode(value)
                && !isHostName(value);
    }

    /**
     * A high-entropy encoded value (base64, base64url or hex) of at least 32 characters: what a key
     * looks like when it arrives under a neutral name, such as {@code "value"} in a listing of keys.
     */
    static boolean isHighEntropyBlob(CharSequence value) {
        int n = value.length();
        if (n < 32 || n > 8192) {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        int[] counts = new int[128];
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
            counts[c]++;
        }
        if (!(lower && upper && digit) || isPathLike(value)) {
            return false;
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                entropy -= p * Math.log(p);
            }
        }
        // bits per character; random base64 of 32+ characters sits above 4.5, words and ids below 4
        return entropy / Math.log(2) >= 4.2;
    }

    /** True for a generated hex key of 32 to 64 lower-case digits and letters: PagerDuty, Datadog, Honeycomb. */
    static boolean isHexKey(CharSequence value) {
        int n = value.length();
        if (n < 32 || n > 64) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'f') {
                letter = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                return false;
            }
        }
        return letter && digit;
    }

    // What a message says happened to a resource it names: 'secret "db" not found', "key 'x' does not exist".
    private static final List<String> RESOURCE_STATUSES = List.of(" not found", " does not exist", " already exists",
            " is forbidden", " is invalid", " was not found", " could not be found", " not exist", " is missing");

    /**
     * True when the text at {@code at} says what happened to the resource just named, so the quoted
     * word before it is a name ({@code secret "db-password" not found}), not a value.
     */
    static boolean isResourceStatus(String s, int at) {
        for (String status : RESOURCE_STATUSES) {
            if (s.regionMatches(true, at, status, 0, status.length())) {
                return true;
            }
        }
        return false;
    }

    /** True for an AWS resource name, {@code arn:aws:kms:eu-west-1:123456789012:key/...}: it names, never holds, a key. */
    static boolean isArn(CharSequence value) {
        String v = value.toString();
        return v.startsWith("arn:") && v.indexOf(':', 4) > 4;
    }

    /** True for a hexadecimal status code such as an HRESULT: {@code 0x8007052E}, {@code 0xC000006D}. */
    static boolean isHexCode(CharSequence value) {
        int n = value.length();
        if (n < 4 || n > 18 || value.charAt(0) != '0' || (value.charAt(1) != 'x' && value.charAt(1) != 'X')) {
            return false;
        }
        for (int i = 2; i < n; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** True for {@code 3fa85f64-5717-4562-b3fc-2c963f66afa6}, with or without braces. */
    static boolean isGuid(CharSequence value) {
        int n = value.length();
        int start = 0;
        if (n == 38 && value.charAt(0) == '{' && value.charAt(37) == '}') {
            start = 1;
            n = 37;
        } else if (n != 36) {
            return false;
        }
        for (int i = start; i < n; i++) {
            char c = value.charAt(i);
            int at = i - start;
            if (at == 8 || at == 13 || at == 18 || at == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** True for dates and times: {@code 2024-05-17}, {@code 2024-05-17T08:15:30.123Z}, {@code 08:15:30}. */
    static boolean isTimestamp(CharSequence value) {
        int n = value.length();
        if (n < 8) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if ("-:.TZ+/ ".indexOf(c) < 0) {
                return false;
            }
        }
        return digits >= 6 && (value.charAt(4) == '-' || value.charAt(2) == ':' || value.charAt(2) == '/');
    }

    /** True for {@code 1.2.3}, {@code v4}, {@code 17.0.2+8}. */
    static boolean isVersion(CharSequence value) {
        int n = value.length();
        int i = n > 0 && (value.charAt(0) == 'v' || value.charAt(0) == 'V') ? 1 : 0;
        if (i >= n || !Character.isDigit(value.charAt(i))) {
            return false;
        }
        int dots = 0;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!Character.isDigit(c) && c != '-' && c != '+' && !(c >= 'a' && c <= 'z' && dots > 0)) {
                return false;
            }
        }
        return dots > 0 || value.charAt(0) == 'v' || value.charAt(0) == 'V';
    }

    /**
     * True for file system paths: {@code /etc/ops/keystore.p12}, {@code ~/.aws/credentials},
     * {@code C:\keys\app.pfx}, {@code ./secrets.json}. A base64 value that happens to start with a slash
     * has no segment that reads as a file or directory name.
     */
    static boolean isPathLike(CharSequence value) {
        int n = value.length();
        if (n < 2) {
            return false;
        }
        String v = value.toString();
        int start;
        if (v.startsWith("~/") || v.startsWith("./")) {
            start = 2;
        } else if (v.startsWith("../")) {
            start = 3;
        } else if (v.charAt(0) == '/' || v.charAt(0) == '\\') {
            start = 1;
        } else if (n > 3 && Character.isLetter(v.charAt(0)) && v.charAt(1) == ':' && (v.charAt(2) == '\\' || v.charAt(2) == '/')) {
            start = 3;
        } else {
            return false;
        }
        int segments = 0;
        boolean extension = false;
        int segmentStart = start;
        for (int i = start; i <= n; i++) {
            char c = i < n ? v.charAt(i) : '/';
            if (c == '/' || c == '\\') {
                if (i > segmentStart) {
                    String segment = v.substring(segmentStart, i);
                    if (segment.length() > 40 || looksRandom(segment)) {
                        return false;
                    }
                    segments++;
                    extension |= segment.indexOf('.') > 0 || segment.startsWith(".");
                }
                segmentStart = i + 1;
            } else if (!Character.isLetterOrDigit(c) && "._-@+ ".indexOf(c) < 0) {
                return false;
            }
        }
        return segments >= 2 || segments == 1 && extension;
    }

    /**
     * True for relative paths and object keys such as {@code exports/2024/05/17/run-42.csv}: two or more
     * slashes between lower-case names, numbers and file names. A base64 secret has upper case in it.
     */
    static boolean isRelativePath(CharSequence value) {
        String v = value.toString();
        String[] segments = v.split("/", -1);
        if (segments.length < 3 || v.startsWith("/")) {
            return false;
        }
        boolean marked = false;
        for (String segment : segments) {
            if (segment.isEmpty() && segment != segments[segments.length - 1]) {
                return false;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (!(c >= 'a' && c <= 'z') && !Character.isDigit(c) && "._-".indexOf(c) < 0) {
                    return false;
                }
            }
            marked |= segment.indexOf('.') > 0 || segment.indexOf('-') > 0 || !segment.isEmpty()
                    && segment.chars().allMatch(Character::isDigit);
        }
        return marked;
    }

    /** True for colon-separated names such as cache keys and URNs: {@code user:42:profile}, {@code urn:ops:run}. */
    static boolean isColonPath(CharSequence value) {
        String v = value.toString();
        int first = v.indexOf(':');
        if (first <= 0 || first == v.lastIndexOf(':')) {
            return false;
        }
        for (String part : v.split(":", -1)) {
            boolean lowerName = part.chars().allMatch(
                    c -> Character.isLowerCase(c) || Character.isDigit(c) || c == '-' || c == '_' || c == '.');
            if (part.isEmpty() || part.length() > 24 || looksRandom(part) || !lowerName && !isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }

    /** True for host names such as {@code sql01.database.windows.net}: dotted labels of letters. */
    static boolean isHostName(CharSequence value) {
        String v = value.toString();
        if (v.indexOf('.') < 0) {
            return false;
        }
        for (String label : v.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || looksRandom(label)) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '-') {
                    return false;
                }
            }
        }
        return true;
    }

    /** True for error codes: {@code AADSTS50076}, {@code ORA-01017}, {@code E_ACCESS_DENIED}, {@code ERR_BAD_REQUEST}. */
    static boolean isErrorCode(CharSequence value) {
        int n = value.length();
        if (n < 3 || n > 40) {
            return false;
        }
        int letters = 0;
        int i = 0;
        while (i < n && Character.isUpperCase(value.charAt(i))) {
            letters++;
            i++;
        }
        if (letters >= 2 && letters <= 10) {
            int j = i < n && value.charAt(i) == '-' ? i + 1 : i;
            int digits = 0;
            while (j < n && Character.isDigit(value.charAt(j))) {
                digits++;
                j++;
            }
            if (j == n && digits >= 2 && digits <= 8) {
                return true;
            }
        }
        for (int k = 0; k < n; k++) {
            char c = value.charAt(k);
            if (!(c >= 'A' && c <= 'Z') && c != '_' && !(Character.isDigit(c) && k > 0)) {
                return false;
            }
        }
        return value.toString().indexOf('_') > 0;
    }

    /**
     * True for names of things: {@code deviceName}, {@code user_email}, {@code graph-client},
     * {@code DbPassword}, {@code RootManageSharedAccessKey}. Its parts read as words (a vowel in every
     * longer part), where a random string of mixed case breaks into short humps without vowels.
     */
    static boolean isIdentifier(CharSequence value) {
        int n = value.length();
        if (n == 0 || n > 64) {
            return false;
        }
        int partStart = 0;
        int parts = 0;
        int odd = 0;
        boolean word = false;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? value.charAt(i) : '_';
            boolean separator = c == '_' || c == '-' || c == '.';
            boolean hump = !separator && i > partStart && Character.isUpperCase(c)
                    && !Character.isUpperCase(value.charAt(i - 1));
            if (separator || hump) {
                if (i > partStart) {
                    int kind = partKind(value, partStart, i);
                    if (kind < 0) {
                        return false;
                    }
                    odd += kind == 0 ? 1 : 0;
                    word |= kind == 2;
                    parts++;
                }
                partStart = separator ? i + 1 : i;
            } else if (!Character.isLetter(c)) {
                return false;
            }
        }
        return parts >= 1 && parts <= 8 && word && odd <= 1;
    }

    /** True for a single lower-case word or a name made of words ("graph-client", "ops_reader"). */
    static boolean isNameLike(CharSequence value) {
        int n = value.length();
        if (n == 0 || n > 64 || !(value.charAt(0) >= 'a' && value.charAt(0) <= 'z')) {
            return false;
        }
        StringBuilder letters = new StringBuilder(n);
        for (String segment : NAME_SEPARATORS.split(value, -1)) {
            // a segment is all letters or all digits: "signing-2024" is a name, "hunter2" is not
            if (segment.chars().allMatch(Character::isDigit)) {
                continue;
            }
            if (!segment.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                return false;
            }
            letters.append(letters.length() > 0 ? "_" : "").append(segment);
        }
        return letters.length() > 0 && isIdentifier(letters);
    }

    /** True for {@code <your-password>}, {@code <token>}: a name in angle brackets. */
    private static boolean isAngleName(String v) {
        if (v.length() < 3 || v.charAt(0) != '<' || v.charAt(v.length() - 1) != '>' || !Character.isLetter(v.charAt(1))) {
            return false;
        }
        for (int i = 2; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** True for an environment variable name after {@code from}: upper case, digits, underscores. */
    private static boolean isEnvName(String v, int from) {
        if (v.length() <= from + 1) {
            return false;
        }
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && c != '_' && !(Character.isDigit(c) && i > from)) {
                return false;
            }
        }
        return true;
    }

    /** 2: a word (a vowel, or a short acronym); 1: a short part; 0: odd (no vowel); -1: not letters. */
    private static int partKind(CharSequence value, int from, int to) {
        int length = to - from;
        boolean vowel = false;
        boolean allUpper = true;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            vowel |= "aeiouyAEIOUY".indexOf(c) >= 0;
            allUpper &= Character.isUpperCase(c);
        }
        if (length >= 3 && vowel || allUpper && length >= 2 && length <= 5) {
            return 2;
        }
        if (length == 1 && (from == 0 || to == value.length())) {
            return 1;
        }
        return length == 2 && vowel ? 1 : 0;
    }

    /** True when a segment has the mixed digits and letters of something generated rather than named. */
    private static boolean looksRandom(String segment) {
        if (segment.length() < 16) {
            return false;
        }
        int digits = 0;
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
        }
        return digits > 0 && (upper > 0 || lower > 0) && (upper > 0 && lower > 0 || digits >= 4);
    }

    private static boolean isOneRepeatedChar(String v) {
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) != v.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    private static String stripTrailingPunctuation(String word) {
        int end = word.length();
        // A closing quote or bracket ends the sentence as a full stop does: "... password are incorrect'"
        while (end > 0 && ".,;:!?)]}'\"`".indexOf(word.charAt(end - 1)) >= 0) {
            end--;
        }
        return word.substring(0, end);
    }
}
