package dev.opsruns.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which names label a secret ({@code password}, {@code client_secret}, {@code X-Api-Key},
 * {@code AccountKey}, {@code MYSQL_PWD}, {@code -Dspring.datasource.password}, {@code Passwort}, ...)
 * and how sure that is. The vocabulary follows the keyword lists public secret scanners use
 * (gitleaks' generic rule, detect-secrets' keyword plugin and its denylist), trimmed of words that
 * would eat diagnostic text, plus the names client libraries print: settings, environment
 * variables, headers, cookies and command-line flags.
 */
final class SanitizerKeys {

    /** How surely a name labels a secret. */
    enum Strength {
        /** Not a secret's name. */
        NONE,
        /** Also an ordinary word ("key", "auth"): the value must look like a credential. */
        WEAK,
        /** A secret's name: its value is redacted unless it is a placeholder or prose. */
        STRONG
    }

    // Matched anywhere in the normalized name: "db_password", "clientSecret", "x-amz-security-token".
    private static final List<String> STRONG_PARTS_LISTED = List.of("password", "passwd", "passphrase", "passcode",
            "secret", "token", "apikey", "accesskey", "accountkey", "privatekey", "signingkey", "encryptionkey",
            "masterkey", "subscriptionkey", "functionskey", "sharedaccesskey", "signature", "credential", "creds",
            "sessionid", "sessionkey", "sessid", "cookie", "authkey", "clientassertion", "storepass", "keypass",
            "verifier", "consumerkey", "appkey", "clientkey", "servicekey", "licensekey", "hmackey", "webhookkey",
            "samlresponse", "connectsid", "sastoken", "sharedkey", "secretkey", "apisecret", "licencekey",
            "dbkey", "authcode", "authorizationcode",
            // the answers that recover an account, and "secret key" in Chinese and Japanese
            "secretanswer", "securityanswer", "questionanswer", "maidenname", "密钥", "秘钥", "密鑰", "金鑰", "秘密鍵",
            // a service's name glued to "pass", as Perl, PHP and shell configs write them
            "dbpass", "smtppass", "mailpass", "adminpass", "rootpass", "ftppass", "ldappass", "sqlpass",
            "redispass", "mqpass", "vpnpass", "wifipass", "apppass", "userpass", "sshpass", "smbpass", "sftppass", "devicecode", "refreshcode", "recoverycode", "backupcode",
            // wallet seeds: the whole key in words
            "mnemonic", "seedphrase", "recoveryphrase",
            // daemons' own words for a password: Redis' requirepass and masterauth, SNMP's community
            // (rocommunity, com2sec ... community), a registry's "user:password" ident (npmAuthIdent)
            "requirepass", "masterauth", "community", "authident",
            // PAM's and SSSD's authentication token (ldap_default_authtok), and Elytron's clear-text credential
            "authtok", "cleartext");

    /*
     * "Password" in the languages failure messages come in, as one word (phrases of several words are
     * SanitizerProse's): the values under them are chosen by people and may hold spaces.
     */
    private static final List<String> PASSWORD_WORDS = List.of("passwort", "kennwort", "wachtwoord",
            "contrasena", "contraseña", "contrasenya", "senha", "palavrapasse", "motdepasse", "salasana", "losenord",
            "lösenord", "haslo", "hasło", "hasłem", "haslem", "heslo", "heslem", "jelszo", "jelszó", "sifre", "şifre", "adgangskode", "passord",
            "lykilorð", "parool", "parole", "parola", "parolă", "geslo", "lozinka", "slaptažodis", "slaptazodis",
            "fjalëkalim", "nenosiri", "pasahitza", "пароль", "паролем", "пароля", "парола", "лозинка", "סיסמה", "סיסמא", "گذرواژه", "पासवर्ड",
            "रहस्यशब्द", "পাসওয়ার্ড", "கடவுச்சொல்", "รหัสผ่าน", "密码", "密碼", "口令", "パスワード", "暗証番号", "비밀번호", "암호");

    private static final List<String> STRONG_PARTS = normalizedUnion(STRONG_PARTS_LISTED, PASSWORD_WORDS);

    private static final List<String> PASSWORD_PARTS = normalizedUnion(PASSWORD_WORDS, List.of());

    // Too short or too common to match inside other names ("design", "passenger", "author").
    private static final Set<String> STRONG_NAMES = Set.of("pwd", "pw", "authorization", "proxyauthorization",
            "xauthorization", "session", "jwt", "assertion", "bearer", "oauth2bearer", "pin", "pincode",
            "secretid", "authpass", "passin", "passout", "wpapsk", "psk", "presharedkey", "sid", "puk");

    // Also ordinary words ("duplicate key: email", "auth: required"); after a colon they need a credential-like value.
    private static final Set<String> WEAK_NAMES = Set.of("key", "auth", "pass", "sig", "otp", "hmac", "sas", "clave");

    // Names that hold a topic or an id to one service and a key to another: a broker's routing key is
    // "orders.created", PagerDuty's is a 32-hex integration key. Only a value of a key's shape counts.
    // An application's id is public to most services and the API key to others (OpenWeatherMap's
    // appid, Agora's app certificate): there too the 32-hex shape decides.
    private static final Set<String> KEY_SHAPED_NAMES = Set.of("routingkey", "integrationkey", "appid",
            "appcertificate");

    // Last words of compound names that make them a secret's name: MYSQL_PWD, DB_PASS, redis.pw, user_pin.
    private static final Set<String> STRONG_LAST_WORDS = Set.of("pwd", "pass", "pw", "pin", "session", "sid",
            "passwd", "pword", "pat", "psk");
    // ... or probably one: DATADOG_APP_KEY, basic_auth (weak: the value decides).
    private static final Set<String> WEAK_LAST_WORDS = Set.of("key", "auth", "sig");

    // Names about a secret rather than holding one: token_type, SharedAccessKeyName, password_expires...
    private static final List<String> HARMLESS_SUFFIXES = List.of("name", "names", "type", "id", "ids", "url", "uri",
            "urls", "endpoint", "expiry", "expires", "expiresin", "expireson", "expiresat", "expiration", "lifetime",
            "length", "count", "version", "policy", "policies", "file", "path", "dir", "directory", "location",
            "format", "kind", "mode", "algorithm", "alg", "method", "scheme", "schemes", "size", "ttl", "timeout",
            "maxage", "domain", "source", "provider", "issuer", "audience", "scope", "scopes", "limit", "tokens",
            "required", "enabled", "disabled", "expired", "cache", "secrets", "lastset", "changed", "changedat", "reset", "resetat",
            "strength", "rules", "hint", "label", "alias", "region", "status", "state", "error", "errors",
            "errorcode", "ref", "reference", "arn", "header", "prefix", "field", "fields", "usage", "store",
            "vault", "vaultname", "manager", "rotation", "rotationdays", "age", "minlength", "maxlength", "history",
            "days", "hours", "minutes", "seconds", "threshold", "attempts", "retries",
            "complexity", "prompt", "less", "exception", "failure", "failed", "warning", "fault", "problem",
            "result", "message", "msg", "reason", "code", "description", "stdin", "command", "cmd", "changedon",
            "lastchanged", "generated", "missing", "invalid", "mismatch", "notfound", "denied", "unavailable",
            // Postfix's smtp_sasl_password_maps and its kin name lookup tables, not a password
            "map", "maps");

    // Names that end in a sensitive word but hold something else: cursors, ids, counts, public parts.
    private static final Set<String> HARMLESS_NAMES = Set.of("tokentype", "skiptoken", "continuationtoken",
            "pagetoken", "nextpagetoken", "nexttoken", "synctoken", "deltatoken", "paginationtoken", "resumetoken",
            "cursor", "publickey", "partitionkey", "rowkey", "sortkey", "foreignkey", "objectkey", "cachekey",
            "routingkey", "idempotencykey", "dedupkey", "deduplicationkey", "shardkey", "hashkey", "rangekey",
            "lookupkey", "uniquekey", "compositekey", "naturalkey", "groupkey", "messagekey", "primarykeycolumn",
            "sortkeycolumn", "s3key", "blobkey", "filekey", "mapkey", "keyspace", "keyboard", "passage",
            "sessionstate", "forcechangepasswordnextsignin", "passwordprofile", "tokenbudget", "csrfheadername", "tokens", "askpass", "askbecomepass", "askvaultpass",
            "nopassword", "passwordstdin", "tokenizer",
            // programs that change passwords, as their messages start: "chpasswd: line 1: ..."
            "chpasswd", "chgpasswd", "gpasswd", "smbpasswd", "kpasswd", "yppasswd", "mkpasswd");

    // Name parts whose value is a secret even though the name ends in a harmless suffix.
    private static final List<String> SECRET_DESPITE_SUFFIX = List.of("sessionid", "secretid", "sessid", "passcode",
            "maidenname",
            "authcode", "authorizationcode", "devicecode", "refreshcode", "recoverycode", "backupcode", "pincode",
            "otpcode", "verificationcode", "mfacode", "securitycode", "accesscode");

    /*
     * The built-in verdicts, memoized: the same few hundred names (password, RequestId, token_type...)
     * recur in every message, and judging one takes a hundred substring tests. A pure function of the
     * name, so sharing it across threads and sanitizers is safe; bounded, so odd inputs cannot grow it.
     */
    private static final int CACHE_LIMIT = 8192;
    private static final Map<String, Strength> CACHE = new ConcurrentHashMap<>();

    private SanitizerKeys() {
    }

    /** True when a value under {@code name} must be redacted (weakly or strongly). */
    static boolean isSensitive(String name, SanitizerSettings settings) {
        return strength(name, settings) != Strength.NONE;
    }

    /** How surely {@code name} labels a secret, host additions included. */
    static Strength strength(String name, SanitizerSettings settings) {
        if (name.length() > 96) {
            return Strength.NONE;
        }
        if (!settings.plainNames().isEmpty() || !settings.secretNames().isEmpty()) {
            String key = normalize(name);
            if (settings.plainNames().contains(key)) {
                return Strength.NONE;
            }
            for (String secret : settings.secretNames()) {
                if (key.equals(secret) || key.length() > secret.length() && key.endsWith(secret)) {
                    return Strength.STRONG;
                }
            }
        }
        Strength cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        String key = normalize(name);
        Strength strength = key.isEmpty() ? Strength.NONE : builtInStrength(name, key);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(name, strength);
        }
        return strength;
    }

    private static Strength builtInStrength(String name, String key) {
        if (HARMLESS_NAMES.contains(key)) {
            return Strength.NONE;
        }
        if (WEAK_NAMES.contains(key)) {
            return Strength.WEAK;
        }
        if (STRONG_NAMES.contains(key)) {
            return Strength.STRONG;
        }
        boolean secretDespiteSuffix = false;
        for (String part : SECRET_DESPITE_SUFFIX) {
            secretDespiteSuffix |= key.endsWith(part);
        }
        if (!secretDespiteSuffix) {
            for (String suffix : HARMLESS_SUFFIXES) {
                if (key.endsWith(suffix) && key.length() > suffix.length()) {
                    return Strength.NONE;
                }
            }
        }
        for (String part : STRONG_PARTS) {
            if (key.contains(part)) {
                return Strength.STRONG;
            }
        }
        List<String> words = words(name);
        if (words.size() >= 2) {
            String last = words.get(words.size() - 1);
            if (STRONG_LAST_WORDS.contains(last)) {
                return Strength.STRONG;
            }
            if (WEAK_LAST_WORDS.contains(last)) {
                return Strength.WEAK;
            }
        }
        return Strength.NONE;
    }

    /** True when {@code name} is, or ends in, one of a host's secret names. */
    static boolean isHostSecret(String name, SanitizerSettings settings) {
        if (settings.secretNames().isEmpty()) {
            return false;
        }
        String key = normalize(name);
        for (String secret : settings.secretNames()) {
            if (key.endsWith(secret)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for names of passwords proper ("password", "DB_PWD", "passphrase", "Passwort"), whose values
     * are chosen by people and may hold spaces; tokens and keys are generated and do not.
     */
    static boolean isPasswordName(String name) {
        String key = normalize(name);
        return key.contains("pass") || key.endsWith("pwd") || key.endsWith("pw") || isPasswordWord(key);
    }

    /** True when the normalized {@code key} holds one of the words for "password" ({@link #PASSWORD_WORDS}). */
    static boolean isPasswordWord(String key) {
        for (String part : PASSWORD_PARTS) {
            if (key.contains(part)) {
                return true;
            }
        }
        return key.contains("wort") || key.contains("contrase");
    }

    private static List<String> normalizedUnion(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a.size() + b.size());
        for (String word : a) {
            all.add(normalize(word));
        }
        for (String word : b) {
            all.add(normalize(word));
        }
        return List.copyOf(all);
    }

    /** True for names whose value is a secret only when it has a generated key's shape ({@link #KEY_SHAPED_NAMES}). */
    static boolean isKeyShapedName(String name) {
        if (name.length() < 5 || name.length() > 32) {
            return false;
        }
        char last = Character.toLowerCase(name.charAt(name.length() - 1));
        // every name of KEY_SHAPED_NAMES ends in y, d or e: most words are turned away before normalizing
        return (last == 'y' || last == 'd' || last == 'e') && KEY_SHAPED_NAMES.contains(normalize(name));
    }

    /** True for the authorization header names, whose values start with a scheme worth keeping. */
    static boolean isAuthorizationHeader(String name) {
        String key = normalize(name);
        return key.endsWith("authorization") && !key.endsWith("xmsauthorization");
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

    /** The name in the form names are compared in: letters and digits only, lower case. */
    static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length() && Character.digit(name.charAt(i + 1), 16) >= 0
                    && Character.digit(name.charAt(i + 2), 16) >= 0) {
                // a percent-encoded name ("api%5Fkey", "%70assword") is compared decoded
                c = (char) (Character.digit(name.charAt(i + 1), 16) << 4 | Character.digit(name.charAt(i + 2), 16));
                i += 2;
            }
            if (Character.isLetterOrDigit(c) || isMark(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** True for the vowel signs and other combining marks that are part of a word (Devanagari, Thai). */
    static boolean isMark(char c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** The words of a name, lower case: "MYSQL_PWD" and "mysqlPwd" are [mysql, pwd]. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '_';
            boolean letterOrDigit = Character.isLetterOrDigit(c);
            boolean camel = letterOrDigit && start >= 0 && Character.isUpperCase(c)
                    && Character.isLowerCase(name.charAt(i - 1));
            if (!letterOrDigit || camel) {
                if (start >= 0) {
                    words.add(name.substring(start, i).toLowerCase(Locale.ROOT));
                }
                start = letterOrDigit ? i : -1;
            } else if (start < 0) {
                start = i;
            }
        }
        return words;
    }
}
