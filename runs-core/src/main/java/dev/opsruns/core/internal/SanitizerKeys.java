package dev.opsruns.core.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which names label a secret ({@code password}, {@code client_secret}, {@code X-Api-Key},
 * {@code AccountKey}, {@code X-Amz-Signature}, ...) and whether a bare value looks like a credential.
 * The vocabulary follows the keyword lists public secret scanners use (gitleaks' generic rule,
 * detect-secrets' keyword plugin), trimmed of words that would eat diagnostic text.
 */
final class SanitizerKeys {

    // Matched anywhere in the normalized name: "db_password", "clientSecret", "x-amz-security-token".
    private static final List<String> SENSITIVE_PARTS = List.of("password", "passwd", "passphrase", "secret",
            "token", "apikey", "accesskey", "accountkey", "privatekey", "signingkey", "encryptionkey", "masterkey",
            "subscriptionkey", "functionskey", "sharedaccesskey", "signature", "credential", "sessionid",
            "sessionkey", "cookie", "authkey", "clientassertion");

    // Too short or too common to match inside other names ("design", "passenger", "author").
    private static final Set<String> SENSITIVE_NAMES = Set.of("pwd", "pass", "sig", "key", "auth", "otp",
            "authorization", "proxyauthorization");

    // Names about a secret rather than holding one: token_type, SharedAccessKeyName, password_expires...
    private static final List<String> HARMLESS_SUFFIXES = List.of("name", "type", "id", "url", "uri", "endpoint",
            "expiry", "expires", "expiresin", "expireson", "expiresat", "expiration", "lifetime", "length", "count",
            "version", "policy", "policies");

    // Names that also occur in prose ("duplicate key: email"); after a colon they need a credential-like value.
    private static final Set<String> WEAK_NAMES = Set.of("key", "auth", "pass", "sig", "otp");

    private static final Set<String> NON_VALUES = Set.of("null", "nil", "none", "true", "false", "undefined");

    private SanitizerKeys() {
    }

    /** True when a value under {@code name} must be redacted. */
    static boolean isSensitive(String name) {
        String key = normalize(name);
        if (key.isEmpty()) {
            return false;
        }
        for (String suffix : HARMLESS_SUFFIXES) {
            if (key.endsWith(suffix) && !key.endsWith("sessionid")) {
                return false;
            }
        }
        if (SENSITIVE_NAMES.contains(key)) {
            return true;
        }
        for (String part : SENSITIVE_PARTS) {
            if (key.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** True for sensitive names that are also ordinary words, such as {@code key} and {@code pass}. */
    static boolean isWeakName(String name) {
        return WEAK_NAMES.contains(normalize(name));
    }

    /** True for the authorization header names, whose values start with a scheme worth keeping. */
    static boolean isAuthorizationHeader(String name) {
        String key = normalize(name);
        return key.equals("authorization") || key.equals("proxyauthorization");
    }

    /**
     * True for names shaped like error codes ({@code InvalidAuthenticationToken},
     * {@code Authentication_ExpiredToken}): PascalCase words, optionally joined by underscores. Such a
     * name followed by a colon is usually a code and its message, not a key and its value.
     */
    static boolean isCodeLike(String name) {
        if (name.length() < 2 || !Character.isUpperCase(name.charAt(0)) || !Character.isLowerCase(name.charAt(1))) {
            return false;
        }
        int humps = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                humps++;
            } else if (!Character.isLowerCase(c) && !Character.isDigit(c) && c != '_') {
                return false;
            }
        }
        return humps >= 2;
    }

    /**
     * True when a bare word looks like a credential rather than prose: long enough and with a digit, a
     * base64 or password symbol, or mixed case ("dXNlcjpwYXNz" does; "authentication", "Lifetime" and
     * "user_email" do not).
     */
    static boolean looksLikeCredential(CharSequence value) {
        if (value.length() < 8) {
            return false;
        }
        boolean lower = false;
        boolean innerUpper = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c) || "+/=~!@#$%^&*".indexOf(c) >= 0) {
                return true;
            }
            lower |= Character.isLowerCase(c);
            innerUpper |= i > 0 && Character.isUpperCase(c);
        }
        return lower && innerUpper;
    }

    /** True for values that carry nothing to hide: literals like null/true/false, or a marker already. */
    static boolean isNonValue(String value) {
        return value.isBlank() || value.startsWith("[REDACTED") || value.startsWith("[payload omitted")
                || NON_VALUES.contains(value.toLowerCase(Locale.ROOT));
    }

    private static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
