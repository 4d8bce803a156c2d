package dev.opsruns.core.internal;

import dev.opsruns.core.internal.SanitizerKeys.Strength;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts secrets written into sentences rather than into {@code name=value} pairs: "the password is
 * Tr0ub4dor&amp;3", "login with admin password 'x'", "password for user bob was: x", "auth_token
 * 8f14e45f...", "Incorrect API key provided: abc123", "mot de passe : x". A value is taken after a
 * secret's name, the linking words and a user name ("for user 'bob'") it may be followed by; it is
 * redacted when it is quoted, when a linking word says it is the value ("is", "was", ":") and it is
 * not a word of the sentence going on ("the password is incorrect"), or when it looks like a
 * credential by itself.
 *
 * <p>One forward scan over the words; each name looks at a bounded number of words after it.
 */
final class SanitizerProse {

    // Words that say the next word is the value.
    private static final Set<String> CONNECTORS = Set.of("is", "was", "are", "were", "be", "set", "to", "as",
            "equals", "value", "=", ":", "->", "=>", ":=", "provided", "given", "supplied", "entered", "used",
            "changed", "reset", "now", "of", "ist", "war", "lautet", "lautete", "est", "était", "es", "era", "é", "è",
            "то", "是", "为", "is:", "was:", "→", "⇒", "är", "er", "jest", "je", "on", "は", "이", "는",
            "là", "adalah", "ialah", "είναι", "هي", "هو", "है", "הוא", "היא", "ni", "olan", "е", "є", "—", "–", "≔",
            "gewijzigd", "geändert", "zurückgesetzt", "изменён", "изменен", "змінено", "changé", "modifié", "réinitialisé",
            "cambiada", "cambiado", "alterada", "redefinida", "modificata", "cambiata", "zmienione", "změněno", "ändrat",
            "değiştirildi", "auf");

    // The English linking words of CONNECTORS, after which a last lower-case word may still be a password.
    private static final Set<String> ENGLISH_LINKS = Set.of("is", "was", "are", "were", "be", "set", "to", "as",
            "equals", "value", "=", ":", "->", "=>", ":=", "provided", "given", "supplied", "entered", "used",
            "changed", "reset", "now", "of", "is:", "was:", "→", "⇒", "—", "–", "≔");

    // Words before a name that say a value follows it: "login with (admin) password x".
    private static final Set<String> LEAD_INS = Set.of("with", "using", "via", "by", "und", "avec", "con", "com", "mit");

    // Words that may sit between a lead-in and the name: "with the admin password".
    private static final Set<String> FILLERS = Set.of("the", "a", "an", "admin", "administrator", "root", "user",
            "db", "database", "sa", "new", "old", "default", "master", "service", "account", "its", "his", "her",
            "their", "my", "your", "our", "temporary", "initial", "generated", "one-time", "app", "application");

    // Words after a name that introduce a user name before the value: "password for user bob is x".
    private static final Set<String> USER_INTRODUCERS = Set.of("for", "of", "für", "pour", "para", "per", "voor",
            "di", "del", "de", "du", "von", "van", "от", "для", "dla", "för", "pro", "na");
    private static final Set<String> USER_NOUNS = Set.of("user", "account", "login", "the", "principal", "username",
            "service", "client", "app", "application", "database", "db", "role", "utilisateur", "benutzer", "usuario",
            "l'utilisateur", "den", "das", "der", "le", "la", "el");

    // Second words that make a name of two words: "API key", "access token", "client secret".
    private static final Set<String> SECOND_WORDS = Set.of("key", "token", "secret", "password", "passphrase",
            "credential", "credentials", "code", "pin", "phrase", "answer", "name");

    // Words for "key" in languages that put "API" after it: "clé API", "ключ API".
    private static final Set<String> FOREIGN_KEY_WORDS = Set.of("clé", "cle", "ключ", "chiave", "klucz", "klíč",
            "clave", "chave", "sleutel", "nyckel", "anahtar", "kunci", "khóa", "schlüssel", "κλειδί", "مفتاح", "מפתח");

    // Words between "password for" and the linking word that say whose it is: "for the backup user is".
    private static final int MAX_OWNER_WORDS = 6;

    // Directive names that only ever precede their value: Redis' requirepass and masterauth.
    private static final Set<String> DIRECTIVE_NAMES = Set.of("requirepass", "masterauth");

    // How a quoted configuration block starts: Fluent Bit's sections, Fluentd's directives.
    private static final List<String> DIRECTIVE_BLOCKS = List.of("[OUTPUT]", "[INPUT]", "[FILTER]", "[SERVICE]",
            "<match ", "<source>", "<store>", "<filter ");

    private static final String OPEN_QUOTES = "'\"`\u2018\u201C\u00AB\u201E([\u300C\u300E";

    // Auxiliaries between a name and its linking word: "password has been set to x".
    // "Password" as a phrase of several words; the one-word forms are SanitizerKeys' PASSWORD_WORDS.
    private static final List<String> PASSWORD_PHRASES = List.of("mot de passe", "mật khẩu", "kata sandi",
            "kata laluan", "κωδικός πρόσβασης", "κωδικό πρόσβασης", "كلمة المرور", "كلمة السر", "كلمة مرور",
            "رمز عبور", "بكلمة المرور", "بكلمة السر", "clave de acceso", "chave de acesso", "código de acesso", "비밀 번호", "parola d'ordine");

    // The first letters of PASSWORD_PHRASES, lower case.
    private static final String PHRASE_STARTS = firstLetters(PASSWORD_PHRASES);

    private static String firstLetters(List<String> phrases) {
        StringBuilder sb = new StringBuilder();
        for (String phrase : phrases) {
            char c = Character.toLowerCase(phrase.charAt(0));
            if (sb.indexOf(String.valueOf(c)) < 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // Adjectives that follow the noun in Romance languages and Dutch: "mot de passe temporaire est x".
    private static final Set<String> POST_ADJECTIVES = Set.of("temporaire", "provisoire", "initial", "initiale",
            "actuel", "nouveau", "temporal", "temporário", "temporária", "provisório", "provisória", "actual",
            "temporanea", "temporaneo", "provvisoria", "iniziale", "attuale", "tijdelijk", "tijdelijke",
            "tymczasowe", "временный", "mới", "tạm", "sementara", "baru", "nueva", "nuevo", "nova", "novo", "nuova",
            "nuovo", "הזמנית", "החדשה", "שלך", "σας", "σου", "anda", "của", "bạn", "الجديدة", "المؤقتة");

    // Labels of a change's two values, taken a short way after a password's name: "(old: x, new: y)".
    private static final Set<String> CHANGE_LABELS = Set.of("old", "new", "previous", "current", "alt", "neu",
            "ancien", "nouveau", "anterior", "nuevo", "antigo", "novo", "vorher", "nachher");
    private static final int MAX_CHANGE_DISTANCE = 120;

    // Linking words after which "from" gives the old value: "password changed from x to y".
    private static final Set<String> CHANGE_WORDS = Set.of("changed", "reset", "gewijzigd", "geändert", "изменён",
            "изменен", "змінено", "changé", "modifié", "cambiada", "cambiado", "alterada", "modificata", "cambiata",
            "zmienione", "změněno", "ändrat", "değiştirildi");

    // "from" and "to" of a change, in the languages of CHANGE_WORDS: "van x naar y", "с x на y".
    private static final Set<String> FROM_WORDS = Set.of("from", "van", "von", "с", "з", "de", "da", "z", "från");
    private static final Set<String> TO_WORDS = Set.of("to", "naar", "auf", "на", "à", "a", "para", "en", "in", "na",
            "till", "do");

    private static final Set<String> AUXILIARIES = Set.of("has", "have", "had", "been", "will", "would", "hat", "wurde");

    // Connectors that may stand before the value's comma, the value set off as an aside.
    private static final Set<String> PARTICIPLES = Set.of("provided", "given", "supplied", "entered", "used");

    // Subjects between a name and its participle: "the password you entered (x) is incorrect".
    private static final Set<String> SUBJECTS = Set.of("you", "we", "they", "i", "he", "she");

    // Names whose value is a number someone types in: "PIN 804417", "passcode 7741 9902#".
    private static final Set<String> NUMERIC_NAMES = Set.of("pin", "passcode", "pincode", "pin-code", "puk", "暗証番号");

    private static final int MAX_STEPS = 6;

    // Words before "key" that make it a key of data, not of a lock: "cache key 6b1c...", "primary key".
    private static final Set<String> DATA_KEY_KINDS = Set.of("cache", "primary", "partition", "sort", "foreign",
            "unique", "idempotency", "dedup", "deduplication", "lookup", "shard", "row", "object", "composite",
            "index", "public", "host", "map", "hash", "range", "group", "message", "join");

    // Words before "code" that make it a one-time or backup code someone types in: "verification code 856931".
    private static final Set<String> CODE_KINDS = Set.of("verification", "security", "confirmation", "login",
            "sign-in", "signin", "authentication", "auth", "one-time", "otp", "2fa", "mfa", "backup", "recovery",
            "access", "activation", "pairing", "sms", "totp", "reset", "unlock");

    // Linking words between such a code and its digits.
    private static final Set<String> CODE_LINKS = Set.of("is", "was", "ist", "est", "es", "är", "is:");

    /*
     * A pass phrase or wallet seed of plain words after its name and ':', '=', "is" or "was", running to
     * where the field ends (the end of the text or of a sentence, a bracket, a quote, ',' or ';'):
     * "passphrase: canyon indigo umber raven)", "mnemonic=abandon ability ...", "the passphrase was
     * canyon indigo umber 42." Words are what diceware and BIP39 generate, so no word test can tell them
     * from prose; only a sentence's own words (PHRASE_STOP_WORDS) say it is one.
     */
    private static final Pattern WORD_PHRASE = Pattern.compile("(?i)(?<![\\w-])(?:pass[ _-]?phrase|mnemonic"
            + "|seed[ _-]?phrase|recovery[ _-]?phrase|seed[ _-]?words|secret[ _-]?phrase|wallet[ _-]?words)[\"']?"
            + "(?:\\s{0,3}+[:=]|\\s{1,3}+(?:is|was):?+)\\s{0,3}+[\"']?([\\p{L}\\d]{1,16}+(?: [\\p{L}\\d]{1,16}+){2,23}+)"
            + "(?=\\s{0,3}+(?:$|[()\\]}\"',;]|\\.(?:\\s|$)))");

    /*
     * A password of plain words after "is:" or "was:", where the colon says the value follows:
     * "the new password is: correct horse battery staple". After "password:" alone the words are far
     * more often the rule it broke ("password: contains forbidden characters").
     */
    private static final Pattern WORDS_PASSWORD = Pattern.compile("(?i)(?<![\\w-])pass(?:word|wort|code)[\"']?"
            + "\\s{1,3}+(?:is|was):\\s{0,3}+[\"']?([\\p{L}\\d]{1,16}+(?: [\\p{L}\\d]{1,16}+){2,23}+)"
            + "(?=\\s{0,3}+(?:$|[()\\]}\"',;]|\\.(?:\\s|$)))");

    private static final Set<String> PHRASE_STOP_WORDS = Set.of("is", "are", "was", "were", "be", "been", "the",
            "a", "an", "not", "no", "for", "to", "of", "in", "on", "at", "by", "with", "from", "incorrect", "invalid",
            "wrong", "bad", "required", "missing", "empty", "failed", "expired", "mismatch", "does", "did", "do",
            "provided", "entered", "must", "too", "short", "long", "unknown", "error", "please", "try", "again",
            "protected", "given", "supplied", "set", "needed", "needs", "cannot", "can't", "could", "file", "key",
            "expected", "got", "or", "and", "but", "word", "words", "length", "count", "checksum", "has", "have");

    private SanitizerProse() {
    }

    /**
     * "signing key kid=2026-12-a": the word after a secret's name is itself a pair whose name is no
     * secret's (a key's id, a key's version), which the pair rules have already judged.
     */
    private static boolean isPlainPair(CharSequence value, SanitizerSettings settings) {
        String v = value.toString();
        int eq = v.indexOf('=');
        if (eq < 1 || eq == v.length() - 1 || eq > 32 || !Character.isLetter(v.charAt(0))) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = v.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
                return false;
            }
        }
        return !SanitizerKeys.isSensitive(v.substring(0, eq), settings);
    }

    /*
     * "secret set --vault-name kv", "db-password --data-file=-": a command's next flag, not a value. Its
     * name is lower-case letters, digits and dashes, which a generated password starting with '-' is not.
     */
    private static boolean isFlag(CharSequence value) {
        int from = value.length() > 2 && value.charAt(0) == '-' ? (value.charAt(1) == '-' ? 2 : 1) : -1;
        if (from < 0 || !(value.charAt(from) >= 'a' && value.charAt(from) <= 'z')) {
            return false;
        }
        for (int i = from; i < value.length() && value.charAt(i) != '='; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /*
     * Chinese, Japanese and Korean write the linking word against the name and the value, with no
     * space: 密码是x, 密码为x, パスワードはx. The value runs to a space or a CJK or ASCII punctuation mark.
     */
    private static final Pattern CJK_PASSWORD = Pattern.compile("(?:密码|密碼|口令|パスワード|暗証番号|비밀번호|암호)"
            + "\\s{0,2}+(?:是|为|為|は|は、|:|：|=|「|『)\\s{0,2}+([^\\s，。、,;；)）」』\"']{4,128}+)");

    /** Redacts a password after a CJK word for it and a linking word written against them. */
    static String redactCjkPasswords(String s) {
        boolean cjk = false;
        for (int i = 0; i < s.length() && !cjk; i++) {
            cjk = s.charAt(i) >= 0x3040;
        }
        if (!cjk) {
            return s;
        }
        Matcher m = CJK_PASSWORD.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            CharSequence value = m.group(1);
            if (SanitizerValues.isPlaceholder(value) || value.toString().startsWith(SanitizerRules.REDACTED)
                    || value.chars().noneMatch(c -> c < 0x80 && Character.isLetterOrDigit(c))) {
                continue; // "密码是错误的": the value is a word of the sentence
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, m.start(1)).append(SanitizerRules.REDACTED);
            copied = m.end(1);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** The word of {@link #SECOND_WORDS} that {@code s[start, end)} is, ignoring case, or null; no copy is made. */
    private static String secondWordAt(String s, int start, int end) {
        int length = end - start;
        if (length < 3 || length > 11) {
            return null;
        }
        for (String word : SECOND_WORDS) {
            if (word.length() == length && s.regionMatches(true, start, word, 0, length)) {
                return word;
            }
        }
        return null;
    }

    /** True when {@code s} holds the lower-case ASCII {@code word} in any case. */
    /*
     * Several secrets listed after a plural name and a colon: "passwords were set: root=x, app=y",
     * "credentials: ci=x; deploy=y". Each item's name is whose it is; every value is a secret.
     */
    private static final Pattern SECRET_LIST = Pattern.compile("(?i)(?<![\\w-])(?:passwords|passwörter|credentials"
            + "|secrets|passphrases|contraseñas|senhas)[^:=\\n]{0,40}?:\\s{0,3}+((?:[\\w.@-]{1,64}+=[^\\s,;]{1,128}+"
            + "(?:[,;]\\s{0,3}+|$|(?=\\s\\())){1,8}+)");

    private static final Pattern LIST_VALUE = Pattern.compile("=([^\\s,;]{1,128}+)");

    /** Redacts every value of a list of secrets after a plural name ({@link #SECRET_LIST}). */
    static String redactSecretLists(String s) {
        String lower = s.toLowerCase(Locale.ROOT); // one copy: String.contains is far faster than a case-blind scan
        if (!lower.contains("words") && !lower.contains("wörter") && !lower.contains("credentials")
                && !lower.contains("secrets") && !lower.contains("phrases") && !lower.contains("contrase")
                && !lower.contains("senhas")) {
            return s;
        }
        Matcher m = SECRET_LIST.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            Matcher value = LIST_VALUE.matcher(s).region(m.start(1), m.end(1));
            while (value.find()) {
                String v = value.group(1);
                if (value.start(1) < copied || SanitizerValues.isPlaceholder(v) || v.startsWith(SanitizerRules.REDACTED)
                        || !(looksLikeShortPassword(v) || SanitizerValues.looksLikeCredential(v))) {
                    continue; // "credentials rotated: count=3, failed=0" counts them
                }
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, value.start(1)).append(SanitizerRules.REDACTED);
                copied = value.end(1);
            }
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** Redacts pass phrases and seed phrases of plain words ({@link #WORD_PHRASE}, {@link #WORDS_PASSWORD}). */
    static String redactWordPhrases(String s) {
        String out = s;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.contains("phrase") || lower.contains("mnemonic") || lower.contains("words")) {
            out = redactWords(out, WORD_PHRASE); // the expression's names all hold one of these; most messages hold none
        }
        return out.contains("s:") ? redactWords(out, WORDS_PASSWORD) : out;
    }

    private static String redactWords(String s, Pattern phrase) {
        Matcher m = phrase.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            boolean prose = false;
            for (String word : m.group(1).split(" ")) {
                prose |= PHRASE_STOP_WORDS.contains(word.toLowerCase(Locale.ROOT));
            }
            if (prose || m.start(1) < copied) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length());
            }
            out.append(s, copied, m.start(1)).append(SanitizerRules.REDACTED);
            copied = m.end(1);
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** Redacts every value that follows a secret's name in running text. */
    static String redact(String s, SanitizerSettings settings) {
        int n = s.length();
        boolean directives = hasDirectiveBlock(s);
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int previousWordEnd = -1;
        String previousLower = "";
        int leadInEnd = -1;
        int passwordSeen = -1;
        while (i < n) {
            if (!isWordChar(s.charAt(i))) {
                i++;
                continue;
            }
            int wordStart = i;
            while (i < n && isWordChar(s.charAt(i))) {
                i++;
            }
            int wordEnd = i;
            String word = s.substring(wordStart, wordEnd);
            String lower = word.toLowerCase(Locale.ROOT);
            if (LEAD_INS.contains(lower)) {
                leadInEnd = wordEnd;
            } else if (!FILLERS.contains(lower) && leadInEnd >= 0 && leadInEnd != previousWordEnd) {
                leadInEnd = -1;
            }
            boolean ledIn = leadInEnd >= 0 && (leadInEnd == previousWordEnd || leadInEnd == wordEnd);
            int nameEnd = -1;
            Strength strength = Strength.NONE;
            boolean passwordFamily = false;
            boolean standsAlone = wordStart == 0 || Character.isWhitespace(s.charAt(wordStart - 1))
                    || "\"'`([{<,;\uFF1A\uFF0C\u3001\u3002".indexOf(s.charAt(wordStart - 1)) >= 0
                    || isSymbolStart(s, wordStart);
            // "the password's Tr0ub4dor&3": a possessive, as people write in chat, before the value
            int possessive = wordEnd + 3 < n && (s.charAt(wordEnd) == '\'' || s.charAt(wordEnd) == '\u2019')
                    && s.charAt(wordEnd + 1) == 's' && s.charAt(wordEnd + 2) == ' ' ? wordEnd + 2 : asideEnd(s, wordEnd);
            if (standsAlone && possessive < n && Character.isWhitespace(s.charAt(possessive)) && word.length() <= 64
                    && !word.endsWith(".") && (possessive == wordEnd || isPasswordFamily(lower))) {
                strength = keywordStrength(word, settings);
                nameEnd = possessive;
                // only a name's family matters, and judging it takes a normalized copy: names only
                passwordFamily = strength != Strength.NONE
                        && (isPasswordFamily(lower) || SanitizerKeys.isHostSecret(word, settings));
                int next = skipSpaces(s, wordEnd);
                int nextEnd = wordEndAt(s, next);
                if (strength == Strength.NONE && FOREIGN_KEY_WORDS.contains(lower) && nextEnd - next == 3
                        && s.regionMatches(true, next, "api", 0, 3)) {
                    // "clé API : x", "ключ API: x", "chiave API = x": an API key, the noun first
                    strength = Strength.STRONG;
                    nameEnd = nextEnd;
                } else if (strength == Strength.NONE || nextEnd - next == 6 && s.regionMatches(true, next, "answer", 0, 6)) {
                    // two-word names: "API key", "access token", "mot de passe", "secret answer: x"
                    String second = secondWordAt(s, next, nextEnd);
                    if (second != null && nextEnd < n && (Character.isWhitespace(s.charAt(nextEnd))
                            || s.charAt(nextEnd) == ':' && (second.equals("answer") || second.equals("name")))) {
                        strength = keywordStrength(word + "_" + second, settings);
                        nameEnd = nextEnd;
                        passwordFamily = isPasswordFamily(second)
                                || SanitizerKeys.isHostSecret(word + "_" + second, settings);
                    }
                }
            }
            if (standsAlone && (strength == Strength.NONE || passwordFamily)) {
                // a phrase may start with a one-word name: "parola d'ordine" holds "parola"
                int phraseEnd = passwordPhraseEnd(s, wordStart);
                if (phraseEnd > 0 && (strength == Strength.NONE || phraseEnd > nameEnd)) {
                    strength = Strength.STRONG;
                    nameEnd = phraseEnd;
                    passwordFamily = true;
                }
            }
            if (lower.equals("pass") && nameEnd == wordEnd && s.regionMatches(true, skipSpaces(s, wordEnd), "phrase", 0, 6)) {
                // "Enter PEM pass phrase:"
                nameEnd = wordEndAt(s, skipSpaces(s, wordEnd));
                strength = Strength.STRONG;
                passwordFamily = true;
            }
            if ((lower.equals("key") || lower.equals("keys")) && nameEnd == wordEnd
                    && DATA_KEY_KINDS.contains(previousLower)) {
                strength = Strength.NONE;
            }
            int[] span = null;
            if (strength == Strength.NONE && standsAlone && SanitizerKeys.isKeyShapedName(word) && wordEnd < n) {
                // "invalid for routing_key 3245c153...": the key's shape, not the name, says it is one
                int value = skipSpaces(s, wordEnd);
                int valueEnd = valueEnd(s, value, tokenEnd(s, value), ".,;:)");
                if (value > wordEnd && SanitizerValues.isHexKey(s.subSequence(value, valueEnd))) {
                    span = new int[] {value, valueEnd};
                }
            }
            if (span == null && (lower.equals("code") || lower.equals("codes")) && CODE_KINDS.contains(previousLower)
                    && wordEnd < n) {
                // "Your verification code is 856931", "backup codes: 5396 1044 ...": digits typed in
                int value = skipSpaces(s, wordEnd);
                int linkEnd = tokenEnd(s, value);
                if (CODE_LINKS.contains(s.substring(value, linkEnd).toLowerCase(Locale.ROOT))) {
                    value = linkEnd;
                }
                span = guardedValue(s, value, true, false);
            }
            boolean numeric = NUMERIC_NAMES.contains(lower);
            if (span == null && (lower.equals("pass") || numeric) && nameEnd == wordEnd && nameEnd < n) {
                // Verbs and nouns far more often than names ("pass the test", "pin 4 of the header"):
                // only a value of the shape they name is taken.
                span = guardedValue(s, wordEnd, numeric, !numeric && userNamedBefore(s, wordStart));
            }
            if (span == null && !((lower.equals("pass") || lower.equals("pin")) && nameEnd == wordEnd)
                    && strength != Strength.NONE && nameEnd > 0 && nameEnd < n) {
                boolean directive = passwordFamily && (DIRECTIVE_NAMES.contains(lower) || directives);
                span = valueAfter(s, nameEnd, strength, passwordFamily, ledIn || directive, directive,
                        CHANGE_WORDS.contains(previousLower), lower, settings);
                if (span != null && FROM_WORDS.contains(wordBefore(s, span[0]))) {
                    span = changedValues(s, span);
                }
            }
            if (span == null && passwordSeen >= 0 && wordStart - passwordSeen <= MAX_CHANGE_DISTANCE
                    && CHANGE_LABELS.contains(lower)) {
                // "rotated the DB password (old: x, new: y)", "action=password_change old=\"x\" new=\"y\""
                span = labelledChange(s, wordEnd);
            }
            if (isPasswordFamily(lower)) {
                passwordSeen = wordEnd;
            }
            if (span != null && span[0] >= copied) {
                int marker = s.lastIndexOf("[REDACTED", span[1] - 1);
                if (marker >= span[0]) {
                    // the value holds a marker an earlier pass left: take it whole, not up to its ']'
                    int close = s.indexOf(']', marker);
                    span[1] = Math.max(span[1], close + 1);
                }
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(s, copied, span[0]).append(SanitizerRules.REDACTED);
                copied = span[1];
                i = Math.max(i, span[1]);
            }
            previousWordEnd = wordEnd;
            previousLower = lower;
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /**
     * The span of "x to y" after "changed from" when x looks like a password ("password changed from
     * Winter#2024 to Summer#2025"), or null ("changed from 3 to 5 characters").
     */
    /**
     * True when {@code s} quotes a block of a daemon's configuration, where a directive's value follows
     * its name after a space: Fluent Bit's "[OUTPUT] ... HTTP_Passwd x", Fluentd's "<match **> ... user
     * fluentd password x". There a password's name is followed by its value, not by a sentence.
     */
    private static boolean hasDirectiveBlock(String s) {
        for (String block : DIRECTIVE_BLOCKS) {
            if (s.contains(block)) {
                return true;
            }
        }
        return false;
    }

    private static int[] changedValues(String s, int[] old) {
        if (old[0] > 0 && OPEN_QUOTES.indexOf(s.charAt(old[0] - 1)) >= 0 && s.charAt(old[0] - 1) != '(') {
            // Changed passphrase from "a b c" to "d e f": both quoted, spaces and all
            int next = skipSpaces(s, old[1] + 1);
            int toEnd = tokenEnd(s, next);
            int open = skipSpaces(s, toEnd);
            if (TO_WORDS.contains(s.substring(next, toEnd)) && open < s.length() && s.charAt(open) == s.charAt(old[0] - 1)) {
                int close = closingQuote(s, open);
                return close > 0 ? new int[] {old[0], close} : old;
            }
            return old;
        }
        int end = tokenEnd(s, old[0]);
        int oldEnd = trimEnd(s, old[0], end, ".,;:)!");
        CharSequence value = s.subSequence(old[0], oldEnd);
        if (!looksLikeShortPassword(value) && !SanitizerValues.looksLikeCredential(value)) {
            return null;
        }
        int toStart = skipSpaces(s, end);
        int toEnd = tokenEnd(s, toStart);
        if (toStart == end || !TO_WORDS.contains(s.substring(toStart, toEnd).toLowerCase(Locale.ROOT))) {
            return new int[] {old[0], oldEnd};
        }
        int next = skipSpaces(s, toEnd);
        return new int[] {old[0], trimEnd(s, next, tokenEnd(s, next), ".,;:)")};
    }

    /**
     * Where a remark in brackets that links a name to its value ends, or -1: "(was:" ends after its
     * colon, inside the brackets; "(for backup user):" after its closing colon.
     */
    private static int remarkEnd(String s, int pos, int end) {
        String first = stripTrailing(s.substring(pos + 1, end), ":").toLowerCase(Locale.ROOT);
        if (s.charAt(end - 1) == ':' && CONNECTORS.contains(first) && !first.equals("of")) {
            return end;
        }
        if (!USER_INTRODUCERS.contains(first)) {
            return -1;
        }
        int next = skipSpaces(s, end);
        for (int word = 0; word < MAX_OWNER_WORDS && next < s.length(); word++) {
            int wordEnd = tokenEnd(s, next);
            if (s.startsWith("):", wordEnd - 2)) {
                return wordEnd;
            }
            if (s.charAt(wordEnd - 1) == ')') {
                return -1;
            }
            next = skipSpaces(s, wordEnd);
        }
        return -1;
    }

    /** The value after an old or new label ({@link #CHANGE_LABELS}) and its ':' or '=', when it has a password's shape. */
    private static int[] labelledChange(String s, int at) {
        int pos = at < s.length() && s.charAt(at) == ' ' ? at + 1 : at;
        if (pos >= s.length() || s.charAt(pos) != ':' && s.charAt(pos) != '=') {
            return null;
        }
        pos = skipSpaces(s, pos + 1);
        if (pos >= s.length()) {
            return null;
        }
        int start = pos;
        int end;
        if (s.charAt(pos) == '"' || s.charAt(pos) == '\'') {
            start = pos + 1;
            end = closingQuote(s, pos);
        } else {
            end = trimEnd(s, pos, tokenEnd(s, pos), ".,;)");
        }
        if (end <= start) {
            return null;
        }
        CharSequence value = s.subSequence(start, end);
        // "(old: bcrypt, new: argon2id)" names algorithms: a chosen password mixes cases or has a symbol
        boolean mixed = value.chars().anyMatch(Character::isUpperCase) && value.chars().anyMatch(Character::isLowerCase)
                || value.chars().anyMatch(c -> "!@#$%^&*+=~?".indexOf(c) >= 0);
        boolean secret = !SanitizerValues.isPlaceholder(value) && !value.toString().startsWith(SanitizerRules.REDACTED)
                && (mixed && looksLikeShortPassword(value) || SanitizerValues.looksStronglyLikeCredential(value, false));
        return secret ? new int[] {start, end} : null;
    }

    /**
     * After a name at {@code wordEnd}, the end of an aside in commas before its linking word ("the
     * password, by the way, is x", "password, as agreed, was x"), or {@code wordEnd} when there is none.
     */
    private static int asideEnd(String s, int wordEnd) {
        if (wordEnd + 2 >= s.length() || s.charAt(wordEnd) != ',' || s.charAt(wordEnd + 1) != ' ') {
            return wordEnd;
        }
        int comma = wordEnd + 1;
        while (comma < s.length() && comma - wordEnd <= 40 && (Character.isLetter(s.charAt(comma)) || s.charAt(comma) == ' ')) {
            comma++;
        }
        if (comma >= s.length() || s.charAt(comma) != ',' || comma - wordEnd > 40) {
            return wordEnd;
        }
        return s.startsWith(" is ", comma + 1) || s.startsWith(" was ", comma + 1) ? comma + 1 : wordEnd;
    }

    /** The word that ends just before {@code at} (spaces and an opening quote skipped), lower case. */
    private static String wordBefore(String s, int at) {
        int end = at;
        while (end > 0 && (s.charAt(end - 1) == ' ' || OPEN_QUOTES.indexOf(s.charAt(end - 1)) >= 0)) {
            end--;
        }
        int start = end;
        while (start > 0 && !Character.isWhitespace(s.charAt(start - 1)) && end - start < 16) {
            start--;
        }
        return s.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** The strength of a word as a name in prose: cookies, sessions and signatures do not count here. */
    private static Strength keywordStrength(String word, SanitizerSettings settings) {
        Strength strength = SanitizerKeys.strength(word, settings);
        if (strength == Strength.NONE) {
            return strength;
        }
        String key = SanitizerKeys.normalize(word);
        if (key.contains("cookie") || key.contains("session") || key.contains("signature") || key.equals("sig")
                || key.equals("otp") || key.equals("sas") || key.equals("auth")
                || key.equals("authorization") || key.equals("bearer") || key.equals("sid")) {
            // "pass" and "auth" read as verbs and nouns far more often than as names in sentences
            return Strength.NONE;
        }
        return strength;
    }

    /**
     * The value after "pass" or "PIN" when it has the shape those words name in a message: a password
     * with a symbol ("pass Mail!er2024z") or a strong credential after "pass", four to eight digits
     * after "PIN".
     */
    private static int[] guardedValue(String s, int from, boolean pin, boolean afterUser) {
        int pos = skipSpaces(s, from);
        if (pos < s.length() && s.charAt(pos) == ':') {
            pos = skipSpaces(s, pos + 1);
        } else if (s.startsWith("is ", pos) || s.startsWith("was ", pos) || s.startsWith("= ", pos)) {
            pos = skipSpaces(s, tokenEnd(s, pos)); // "pass is Orchid911^"
        }
        // a quoted message's closing quote is not the value's: error: "Your OTP is 482193"
        int valueEnd = valueEnd(s, pos, tokenEnd(s, pos), ".,;:?)]}");
        if (valueEnd <= pos) {
            return null;
        }
        CharSequence value = s.subSequence(pos, valueEnd);
        if (pin) {
            int length = value.length();
            if (length < 4 || length > 12 || !value.chars().allMatch(Character::isDigit)) {
                return null;
            }
            // a conference passcode comes in groups: "7741 9902#"
            int groupEnd = valueEnd;
            for (int group = 0; group < 3; group++) {
                int next = skipSpaces(s, groupEnd);
                int digitsEnd = next;
                while (digitsEnd < s.length() && Character.isDigit(s.charAt(digitsEnd)) && digitsEnd - next < 12) {
                    digitsEnd++;
                }
                if (next == groupEnd || digitsEnd - next < 3 || digitsEnd < s.length()
                        && !Character.isWhitespace(s.charAt(digitsEnd)) && ".,;#)\"'".indexOf(s.charAt(digitsEnd)) < 0) {
                    break;
                }
                groupEnd = digitsEnd;
            }
            return new int[] {pos, groupEnd};
        }
        boolean symbol = value.chars().anyMatch(c -> "!@#$%^&*+=~?".indexOf(c) >= 0);
        // "PASS test_login_42" is a test runner's line: a long generated value or a password's symbols only
        // "user admin pass Hq7vB2xLm9": after a user's name "pass" names the password, symbol or not
        boolean secret = (symbol || afterUser) && looksLikeShortPassword(value) && !isEmail(value)
                || value.length() >= 20 && SanitizerValues.looksStronglyLikeCredential(value, false);
        return secret ? new int[] {pos, valueEnd} : null;
    }

    /** True when the two words before {@code wordStart} are "user" (or "username", "login") and a name. */
    private static boolean userNamedBefore(String s, int wordStart) {
        int i = wordStart - 1;
        for (int word = 0; word < 2; word++) {
            while (i >= 0 && (s.charAt(i) == ' ' || word == 1 && (s.charAt(i) == '=' || s.charAt(i) == ':'))) {
                i--;
            }
            int end = i + 1;
            while (i >= 0 && end - i <= 64 && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '='
                    && s.charAt(i) != ':') {
                i--;
            }
            if (word == 1) {
                String w = s.substring(i + 1, end).toLowerCase(Locale.ROOT);
                return w.equals("user") || w.equals("username") || w.equals("login") || w.equals("usr");
            }
            if (end == i + 1) {
                return false;
            }
        }
        return false;
    }

    /** True for a keyword of Clojure, Ruby or Elixir at {@code wordStart}: ":db-password" after a space or brace. */
    private static boolean isSymbolStart(String s, int wordStart) {
        return s.charAt(wordStart - 1) == ':' && (wordStart == 1 || Character.isWhitespace(s.charAt(wordStart - 2))
                || "{([,".indexOf(s.charAt(wordStart - 2)) >= 0);
    }

    private static boolean isPasswordFamily(String lowerWord) {
        return lowerWord.contains("pass") || lowerWord.contains("pwd") || lowerWord.endsWith("community")
                || lowerWord.endsWith("psk")
                || lowerWord.equals("masterauth")
                || SanitizerKeys.isPasswordWord(SanitizerKeys.normalize(lowerWord));
    }

    /**
     * The name "password" (or a word for it) spelled as a phrase of several words, at {@code at}: the
     * end of the phrase, or -1. A phrase ends at a space or a colon.
     */
    private static int passwordPhraseEnd(String s, int at) {
        if (PHRASE_STARTS.indexOf(Character.toLowerCase(s.charAt(at))) < 0) {
            return -1; // most words: no phrase starts with their letter
        }
        for (String phrase : PASSWORD_PHRASES) {
            int end = at + phrase.length();
            if (s.regionMatches(true, at, phrase, 0, phrase.length()) && end < s.length()
                    && (Character.isWhitespace(s.charAt(end)) || s.charAt(end) == ':' || s.charAt(end) == '\uFF1A')) {
                return end;
            }
        }
        return -1;
    }

    /**
     * True for a run of letters that no one would write as a word or a name: upper-case letters after
     * lower-case ones in no camel-case pattern ("UWjRyAyhpzGF", "ZCnqaqISEt"). After a word for
     * "password" that is what a generated password without digits looks like.
     */
    static boolean isScrambledLetters(CharSequence value) {
        int n = value.length();
        if (n < 8 || n > 64) {
            return false;
        }
        int upper = 0;
        int lower = 0;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            } else {
                return false;
            }
        }
        // camelCase ("deviceName", "getElementById") has single capitals, each starting a word of two
        // or more lower-case letters; scrambled text has capitals in runs after lower case, before a
        // single letter, or at the very end
        boolean oddCapital = false;
        for (int i = 1; i < n && !oddCapital; i++) {
            if (Character.isUpperCase(value.charAt(i))) {
                boolean runAfterLower = i >= 2 && Character.isUpperCase(value.charAt(i - 1))
                        && Character.isLowerCase(value.charAt(i - 2));
                boolean beforeOneLetter = i + 1 < n && Character.isLowerCase(value.charAt(i + 1))
                        && (i + 2 >= n || Character.isUpperCase(value.charAt(i + 2)));
                boolean last = i == n - 1 && Character.isLowerCase(value.charAt(i - 1));
                oddCapital = runAfterLower || beforeOneLetter || last;
            }
        }
        return upper >= 2 && lower >= 2 && oddCapital;
    }

    /**
     * The span of the value after a name ending at {@code from}, or null. {@code ledIn}: the name came
     * after "with", "using" and the like, which says a value follows. {@code directive}: the name is a
     * daemon's directive, whose value follows it. {@code changedBefore}: a word of change came before
     * the name ("changed password from x to y").
     */
    private static int[] valueAfter(String s, int from, Strength strength, boolean passwordFamily, boolean ledIn,
            boolean directive, boolean changedBefore, String name, SanitizerSettings settings) {
        int n = s.length();
        int pos = skipSpaces(s, from);
        boolean connector = false;
        boolean needConnector = false;
        boolean ownerColon = false;
        String linkWord = "";
        String previousBare = "";
        for (int step = 0; step < MAX_STEPS && pos < n; step++) {
            int end = tokenEnd(s, pos);
            String token = s.substring(pos, end);
            String bare = stripTrailing(token, ":").toLowerCase(Locale.ROOT);
            if (token.endsWith(",") && PARTICIPLES.contains(bare.substring(0, bare.length() - 1))) {
                bare = bare.substring(0, bare.length() - 1); // "the password you provided, X, does not match"
            }
            String before = previousBare;
            previousBare = bare;
            if (token.equals(":") || token.equals("=") || token.equals("：")) {
                connector = true;
            } else if (step <= 1 && POST_ADJECTIVES.contains(bare) && !connector) {
                // "mot de passe temporaire est": the linking word comes next
            } else if (AUXILIARIES.contains(bare) && !connector) {
                // "has been": the linking word comes next
            } else if (step == 0 && SUBJECTS.contains(bare) && !connector) {
                // "you entered": the participle links
            } else if (FROM_WORDS.contains(bare) && (connector && CHANGE_WORDS.contains(before) || step == 0 && changedBefore
                    || AUXILIARIES.contains(before) && step == 1)) {
                // "Das Passwort wurde von x auf y geändert": the participle comes last
                // "password changed from x to y": the old value comes first
            } else if (CONNECTORS.contains(bare) && !(bare.equals("of") && !connector)) {
                connector = true;
                linkWord = bare;
                if (bare.equals("to") || bare.equals("as") || bare.equals("set") || bare.equals("changed")
                        || bare.equals("reset")) {
                    // "set to", "changed to": still linking
                }
            } else if (USER_INTRODUCERS.contains(bare) && !connector && !needConnector) {
                // "password for user 'bob' is ...", "passphrase for key '/home/x/.ssh/id' is ...", "for
                // the new cluster is: ...": skip whose it is, then a linking word must follow
                int next = skipSpaces(s, end);
                needConnector = true;
                for (int owner = 0; owner < MAX_OWNER_WORDS && next < n; owner++) {
                    int nextEnd = tokenEnd(s, next);
                    String word = s.substring(next, nextEnd);
                    String bareWord = stripTrailing(word, ":").toLowerCase(Locale.ROOT);
                    if (owner > 0 && CONNECTORS.contains(bareWord) && !bareWord.equals("of") && !bareWord.equals("to")) {
                        break; // the linking word: the loop above takes it
                    }
                    if (owner > 0 && bareWord.equals("to") && nextIsQuoted(s, nextEnd)) {
                        break; // "reset password of bob to 'x'": "to" links a quoted value
                    }
                    if (owner > 0 && (LEAD_INS.contains(bareWord) || USER_INTRODUCERS.contains(bareWord)
                            || SanitizerKeys.isSensitive(stripTrailing(word, ":"), settings))) {
                        break; // the sentence went on ("token for request-id x with Authorization: ...")
                    }
                    next = skipSpaces(s, nextEnd);
                    if (word.length() > 1 && word.endsWith(":")) {
                        // "new password for alice@acme.io: x", but "token for user x: invalid_grant"
                        connector = true;
                        ownerColon = true;
                        break;
                    }
                }
                pos = next;
                continue;
            } else if (step == 0 && isOrdinal(token)) {
                // "Unseal Key 3: ...", "key #2 ...": a number says which one
                if (token.endsWith(":")) {
                    connector = true;
                }
                pos = skipSpaces(s, end);
                continue;
            } else if (token.length() > 1 && token.charAt(0) == '(' && !connector && !needConnector
                    && remarkEnd(s, pos, end) > 0) {
                // "password (was: \"x\")", "Password (for backup user): x": a remark in brackets that links
                connector = true;
                pos = skipSpaces(s, remarkEnd(s, pos, end));
                continue;
            } else {
                break;
            }
            if (token.endsWith(":") && token.length() > 1) {
                connector = true;
            }
            pos = skipSpaces(s, end);
        }
        if (pos >= n || needConnector && !connector) {
            return null;
        }
        boolean escapedQuote = false;
        while (pos + 1 < n && s.charAt(pos) == '\\' && (s.charAt(pos + 1) == '"' || s.charAt(pos + 1) == '\\')) {
            pos++; // secret \"db-secret\" not found: a quote escaped inside a JSON string is a quote
            escapedQuote = true;
        }
        char first = s.charAt(pos);
        if (first == '[' && (s.startsWith(SanitizerRules.REDACTED, pos) || s.startsWith("[payload omitted", pos))) {
            return null; // an earlier pass's marker
        }
        if (OPEN_QUOTES.indexOf(first) >= 0) {
            int close = closingQuote(s, pos);
            int after = close + 1; // where the text goes on after the closing quote
            while (escapedQuote && close > pos + 1 && s.charAt(close - 1) == '\\') {
                close--; // its closing quote is escaped too
            }
            if (close < 0) {
                // a quote never closed: the client cut the value ("password '1iawkn… (truncated)")
                int cutEnd = trimEnd(s, pos + 1, tokenEnd(s, pos + 1), ".,;:)\u2026");
                CharSequence cut = s.subSequence(pos + 1, cutEnd);
                return first != '(' && first != '[' && (looksLikeShortPassword(cut) || SanitizerValues.looksLikeCredential(cut))
                        ? new int[] {pos + 1, cutEnd} : null;
            }
            CharSequence value = s.subSequence(pos + 1, close);
            boolean resourceName = SanitizerValues.isNameLike(value)
                    || !passwordFamily && value.chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '-');
            if (SanitizerValues.isArn(value) || resourceName && SanitizerValues.isResourceStatus(s, after)
                    || isNamePath(value)) {
                // Key 'arn:aws:kms:...' does not exist, secret "db-password" not found, Secret
                // "prod/db/password" rotated: the secret's name or path, not its value
                return null;
            }
            if (SanitizerValues.isPlaceholder(value) || value.chars().noneMatch(Character::isLetterOrDigit)) {
                return null; // "Unexpected token '}'"
            }
            if (strength == Strength.WEAK && isKeyFileName(value)) {
                return null; // Load key "id_ed25519": the file, not the key
            }
            if (first == '(' || first == '[') {
                // "password (Welcome@2024) does not meet...", "Password [Welcome2024] is invalid": a remark
                // in brackets unless it looks like one
                boolean oneWord = value.chars().noneMatch(Character::isWhitespace);
                if (first == '[' && SanitizerValues.isResourceStatus(s, after)) {
                    return null; // secret [db-creds-v2] not found: a name in brackets
                }
                return oneWord && (looksLikeShortPassword(value) || SanitizerValues.looksStronglyLikeCredential(value, false))
                        ? new int[] {pos + 1, close} : null;
            }
            boolean redact = connector || ledIn || !SanitizerValues.isNameLike(value)
                    && (strength == Strength.STRONG || SanitizerValues.looksLikeCredential(value));
            return redact ? new int[] {pos + 1, close} : null;
        }
        int end = tokenEnd(s, pos);
        int valueEnd = valueEnd(s, pos, end, ".,;:!?)]}");
        if (valueEnd <= pos) {
            return null;
        }
        boolean digit = false;
        for (int i = pos; i < valueEnd && !digit; i++) {
            digit = Character.isDigit(s.charAt(i));
        }
        while (digit && valueEnd < end && (s.charAt(valueEnd) == '!' || s.charAt(valueEnd) == '?')) {
            valueEnd++; // "password is Gr33n-Valley!": a generated password's own '!', not a sentence's
        }
        CharSequence value = s.subSequence(pos, valueEnd);
        if (passwordFamily && strength == Strength.STRONG && (connector || ledIn)
                && SanitizerRules.isSpacedPasswordToEnd(s, pos)) {
            return new int[] {pos, n}; // "Das neue Kennwort lautet: Fichte-Wald 50"
        }
        int bracket = skipSpaces(s, end);
        if (valueEnd == end && bracket < n && s.charAt(bracket) == '(' && value.toString().equalsIgnoreCase("default")) {
            // "reset to default (Welcome1!)": the default is named in the brackets, if anywhere
            int close = closingQuote(s, bracket);
            CharSequence inner = close > 0 ? s.subSequence(bracket + 1, close) : "";
            return looksLikeShortPassword(inner) || SanitizerValues.looksLikeCredential(inner)
                    ? new int[] {bracket + 1, close} : null;
        }
        int slash = skipSpaces(s, end);
        if (valueEnd == end && slash < n && s.charAt(slash) == '/' && slash > end) {
            // "credentials admin / Adm1n!Pass#7": a user name, then the password after the slash
            int second = skipSpaces(s, slash + 1);
            int secondEnd = trimEnd(s, second, tokenEnd(s, second), ".,;)");
            CharSequence password = s.subSequence(second, secondEnd);
            boolean secret = second > slash + 1 && secondEnd > second && SanitizerValues.isNameLike(value)
                    && (looksLikeShortPassword(password) || SanitizerValues.looksLikeCredential(password))
                    && !SanitizerValues.isPathLike(password) && !isUrl(password);
            if (secret) {
                return new int[] {second, secondEnd};
            }
        }
        if (SanitizerKeys.isSensitive(value.toString(), settings) && SanitizerValues.isIdentifier(value)) {
            return null; // another name starts: "credentials for ops: password \"x\"" is taken from there
        }
        if (ownerColon && !(looksLikeShortPassword(value) || SanitizerValues.looksLikeCredential(value))) {
            return null; // "token for user x: invalid_grant" gives the error after the colon
        }
        if ((SanitizerValues.isProseWord(value) || isLowerAlphabetic(value)) && strength == Strength.STRONG
                && passwordFamily) {
            // "password incorrect for user admin: x", "password errata per l'utente admin: x"
            // "bad password attempt: x": the value's own word may be the label
            boolean label = valueEnd < end && s.charAt(end - 1) == ':';
            int[] later = labelledLater(s, label ? pos : end);
            if (later != null || SanitizerValues.isProseWord(value)) {
                return later;
            }
        }
        if (SanitizerValues.isPlaceholder(value) || SanitizerValues.isProseWord(value)
                || SanitizerValues.isTimestamp(value) || value.charAt(0) == '[' || value.charAt(0) == '('
                || isFingerprint(value) || isFlag(value) || isPlainPair(value, settings)) {
            return null; // "ED25519 key SHA256:x4Z7...": the key's fingerprint, a hash of its public half
        }
        if (valueEnd < end && s.charAt(end - 1) == ':'
                && value.chars().allMatch(c -> Character.isLowerCase(c) || Character.isDigit(c))) {
            // "failed to refresh token: oauth2: cannot fetch token": the next link of an error chain
            return null;
        }
        if (valueEnd < end && ".!?".indexOf(s.charAt(valueEnd)) >= 0 && value.chars().allMatch(Character::isLowerCase)) {
            // "Das Passwort ist abgelaufen.", "le mot de passe est incorrect.": a sentence ends on a word
            return null;
        }
        boolean foreignName = FOREIGN_KEY_WORDS.contains(name) || SanitizerKeys.isPasswordWord(SanitizerKeys.normalize(name));
        if (end == n && value.chars().allMatch(Character::isLowerCase) && (value.chars().anyMatch(c -> c >= 0x80)
                || foreignName || !linkWord.isEmpty() && !ENGLISH_LINKS.contains(linkWord))) {
            // "La password è scaduta", "Hasło jest nieprawidłowe": a sentence in another language ends on
            // a word, which a password someone chose in it rarely is
            return null;
        }
        boolean weak = strength == Strength.WEAK;
        if (!connector && !ledIn && !weak && (SanitizerValues.isProseWord(value) || isLowerAlphabetic(value))) {
            return null;
        }
        boolean redact;
        if ((connector || ledIn) && !weak) {
            // "the password is X": anything but the sentence going on
            // in a directive block the next word is the next directive, not the sentence going on
            redact = !(!directive && SanitizerValues.isIdentifier(value) && isAlphabetic(value) && nextIsWord(s, end))
                    && !isAdverb(value) && !SanitizerValues.isRelativePath(value)
                    && !SanitizerValues.isPathLike(value) && !isUrl(value) && !isEmail(value)
                    && !SanitizerValues.isErrorCode(value) && !SanitizerValues.isGuid(value);
        } else {
            boolean allowGuid = !weak && !name.equals("id");
            redact = SanitizerValues.looksStronglyLikeCredential(value, allowGuid)
                    || !weak && passwordFamily && (looksLikeShortPassword(value) || isScrambledLetters(value));
        }
        if (!redact) {
            // "use the following password to log in: x": the sentence went on to the value's colon
            return strength == Strength.STRONG && passwordFamily && (connector || ledIn) ? labelledLater(s, end) : null;
        }
        // "credentials ops / S3cret", "login bob:S3cret": the second half is the password
        int next = skipSpaces(s, end);
        if (valueEnd == end && next < n && s.charAt(next) == '/' ) {
            int second = skipSpaces(s, next + 1);
            int secondEnd = tokenEnd(s, second);
            if (second > next && secondEnd > second) {
                return new int[] {pos, secondEnd};
            }
        }
        if (valueEnd == end && directive) {
            return new int[] {pos, directiveValueEnd(s, end)};
        }
        if (valueEnd == end && (connector || ledIn) && !weak && passwordFamily) {
            int wordsEnd = passwordWordsEnd(s, end);
            return new int[] {pos, wordsEnd > end ? wordsEnd : passwordPiecesEnd(s, end)};
        }
        return new int[] {pos, valueEnd == end && !weak && passwordFamily ? passwordPiecesEnd(s, end) : valueEnd};
    }

    /**
     * Where a password with spaces ends when the words after its first are pieces no sentence has:
     * letters with digits or a generator's symbols ("password L@ntern quartz7439# rejected", "Ember
     * saffron4655@ failed"); the first plain word, number, path or pair ends it.
     */
    private static int passwordPiecesEnd(String s, int end) {
        int valueEnd = end;
        for (int words = 0; words < MAX_MORE_WORDS && valueEnd < s.length() && s.charAt(valueEnd) == ' '; words++) {
            int start = valueEnd + 1;
            int wordEnd = tokenEnd(s, start);
            int bare = trimEnd(s, start, wordEnd, ".,;:)]}");
            String word = s.substring(start, bare);
            boolean letter = word.chars().anyMatch(Character::isLetter);
            boolean mark = word.chars().anyMatch(c -> Character.isDigit(c) || "!@#$%^&*+=~?".indexOf(c) >= 0);
            if (word.isEmpty() || !letter || !mark || "([{<\"'`".indexOf(word.charAt(0)) >= 0 || word.indexOf('=') >= 0
                    || word.indexOf('/') >= 0 || word.indexOf("://") >= 0 || isEmail(word)
                    || SanitizerValues.isErrorCode(word) || SanitizerValues.isVersion(word)
                    || SanitizerValues.isGuid(word) || SanitizerValues.isTimestamp(word)) {
                break;
            }
            valueEnd = bare;
            if (bare < wordEnd) {
                break; // the word's punctuation closes the field
            }
        }
        return valueEnd;
    }

    // Most words after a value's first that it may run on over.
    private static final int MAX_MORE_WORDS = 4;

    /*
     * Where a directive's value ends that may hold spaces ("HTTP_Passwd Orbit marble$ tls On"): before
     * the next word that could be a directive's name (letters, digits, '_', '.', '-'), a block's tag or
     * the end; a later word with other characters is the value's.
     */
    private static int directiveValueEnd(String s, int end) {
        return moreWordsEnd(s, end, false, c -> Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    /*
     * Where a password with spaces ends after "the password was": "(password was Vi0let glacier$);"
     * runs to its field's end, a bracket, ',' or ';', a sentence's full stop or the text's end, when
     * every word on the way has a digit or symbol a sentence's words (in any language) lack; otherwise
     * the value is its first word.
     */
    private static int passwordWordsEnd(String s, int end) {
        return moreWordsEnd(s, end, true, Character::isLetter);
    }

    /**
     * The end of a value that runs on from {@code end} over the next words while each has a character
     * {@code plain} rejects and is no remark, tag, marker, prose word, pair or path. With
     * {@code toFieldEnd} the run counts only when its field closes (a word ends in punctuation, or the
     * text ends), else the value is its first word, {@code end}.
     */
    private static int moreWordsEnd(String s, int end, boolean toFieldEnd, java.util.function.IntPredicate plain) {
        int valueEnd = end;
        for (int words = 0; words < MAX_MORE_WORDS && valueEnd < s.length() && s.charAt(valueEnd) == ' '; words++) {
            int start = valueEnd + 1;
            int wordEnd = tokenEnd(s, start);
            int bare = trimEnd(s, start, wordEnd, ".,;:!?)]}");
            String word = s.substring(start, bare);
            // in a directive a '!' or '?' at a word's end is the password's ("orbit marble!"); in prose
            // it ends the sentence
            int judged = toFieldEnd ? bare : trimEnd(s, start, wordEnd, ".,;:)]}");
            if (bare == start || "([{<@\"'`".indexOf(word.charAt(0)) >= 0 || s.substring(start, judged).chars().allMatch(plain)
                    || SanitizerValues.isProseWord(word) || word.indexOf('=') >= 0 || word.indexOf('/') >= 0) {
                break;
            }
            if (toFieldEnd && (bare < wordEnd || wordEnd == s.length())) {
                return bare; // the field closes: "glacier$);", or the text ends
            }
            valueEnd = wordEnd;
        }
        return toFieldEnd ? end : valueEnd;
    }

    /**
     * After "password incorrect for user admin:", the value that follows the colon a few words on, when
     * it looks like a password; a sentence ("...admin: account locked") does not.
     */
    private static int[] labelledLater(String s, int from) {
        int pos = skipSpaces(s, from);
        for (int step = 0; step < 5 && pos < s.length(); step++) {
            if (pos > 0 && ".!?".indexOf(s.charAt(pos - 1)) >= 0 || pos > 1 && ".!?".indexOf(s.charAt(pos - 2)) >= 0
                    && Character.isWhitespace(s.charAt(pos - 1))) {
                // "Name or password is incorrect. ABAP_AS.jcoDestination: ...": the sentence ended, and
                // the colon a few words on labels something else
                return null;
            }
            int end = tokenEnd(s, pos);
            if (end > pos + 1 && s.charAt(end - 1) == ':') {
                int value = skipSpaces(s, end);
                int valueEnd = valueEnd(s, value, tokenEnd(s, value), ".,;:)");
                CharSequence v = s.subSequence(value, valueEnd);
                boolean secret = valueEnd > value && !SanitizerValues.isTimestamp(v) && v.toString().indexOf('=') < 0
                        && (looksLikeShortPassword(v) || SanitizerValues.looksStronglyLikeCredential(v, false));
                return secret ? new int[] {value, valueEnd} : null;
            }
            pos = skipSpaces(s, end);
        }
        return null;
    }

    /** "SHA256:x4Z7...", "MD5:4f:2a:...": a fingerprint, as ssh and certificate tools print it. */
    private static boolean isFingerprint(CharSequence value) {
        String v = value.toString().toUpperCase(Locale.ROOT);
        return v.startsWith("SHA256:") || v.startsWith("SHA1:") || v.startsWith("SHA512:") || v.startsWith("MD5:");
    }

    /** "3", "3:", "#2": which of several keys. */
    private static boolean isOrdinal(String token) {
        String t = stripTrailing(token, ":");
        if (t.startsWith("#")) {
            t = t.substring(1);
        }
        return !t.isEmpty() && t.length() <= 2 && t.chars().allMatch(Character::isDigit);
    }

    /** "prod/db/password", "secret/data/app": a path of lower-case names, which is where a secret is kept. */
    private static boolean isNamePath(CharSequence value) {
        String v = value.toString();
        if (v.indexOf('/') <= 0 || v.endsWith("/")) {
            return false;
        }
        boolean word = false;
        for (String segment : v.split("/", -1)) {
            if (segment.isEmpty() || !segment.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || "._-".indexOf(c) >= 0)) {
                return false;
            }
            word |= segment.length() >= 2 && segment.chars().allMatch(c -> c >= 'a' && c <= 'z');
        }
        return word;
    }

    /** "successfully", "automatically": how it was changed, not what to. */
    private static boolean isAdverb(CharSequence value) {
        String v = value.toString();
        return v.length() > 4 && v.endsWith("ly") && isLowerAlphabetic(value);
    }

    private static boolean isLowerAlphabetic(CharSequence value) {
        return value.chars().allMatch(c -> c >= 'a' && c <= 'z');
    }

    /** "hunter2", "S3cret!": six or more characters mixing letters with digits or symbols. */
    private static boolean looksLikeShortPassword(CharSequence value) {
        if (value.length() < 6 || value.length() > 128 || SanitizerValues.isVersion(value)
                || SanitizerValues.isErrorCode(value) || SanitizerValues.isPathLike(value) || isUrl(value)
                || SanitizerValues.isHexCode(value)) {
            return false;
        }
        boolean letter = false;
        boolean other = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letter |= Character.isLetter(c);
            other |= Character.isDigit(c) || "!@#$%^&*+=~?".indexOf(c) >= 0;
        }
        return letter && other;
    }

    private static boolean isUrl(CharSequence value) {
        return value.toString().contains("://");
    }

    private static boolean isEmail(CharSequence value) {
        String v = value.toString();
        int at = v.indexOf('@');
        return at > 0 && v.indexOf('.', at) > at + 1 && v.indexOf(':') < 0;
    }

    private static boolean isAlphabetic(CharSequence value) {
        return value.chars().allMatch(Character::isLetter);
    }

    /** True when a quoted value follows {@code end}. */
    private static boolean nextIsQuoted(String s, int end) {
        int next = skipSpaces(s, end);
        return next > end && next < s.length() && "'\"`\u201C\u00AB".indexOf(s.charAt(next)) >= 0;
    }

    /** True when a lower-case word follows: the value was a word of a sentence ("is stored in vault"). */
    private static boolean nextIsWord(String s, int end) {
        int next = skipSpaces(s, end);
        if (next == end || next >= s.length()) {
            return false;
        }
        int nextEnd = wordEndAt(s, next);
        if (nextEnd == next) {
            return false;
        }
        String word = s.substring(next, nextEnd);
        return word.chars().allMatch(c -> Character.isLowerCase(c));
    }

    private static int closingQuote(String s, int open) {
        char q = s.charAt(open);
        char close = switch (q) {
            case '\u2018' -> '\u2019';
            case '\u201C', '\u201E' -> '\u201D';
            case '\u00AB' -> '\u00BB';
            case '\u300C' -> '\u300D';
            case '\u300E' -> '\u300F';
            case '(' -> ')';
            case '[' -> ']';
            default -> q;
        };
        int limit = Math.min(s.length(), open + 257);
        for (int i = open + 1; i < limit; i++) {
            if (s.charAt(i) == close) {
                return i > open + 1 ? i : -1;
            }
        }
        return -1;
    }

    /** {@code end} moved back over trailing {@code chars}, not before {@code start}. */
    /**
     * The end of a value whose token ends at {@code end}, less the punctuation {@code chars} after it
     * and the quotes that close what encloses the value, not the value itself: the quotes ending a
     * quoted message ({@code RuntimeError('body "Your OTP is 482193"')}) have no partner in the value,
     * the one of {@code :'new_password'} has.
     */
    private static int valueEnd(String s, int start, int end, String chars) {
        int e = trimEnd(s, start, end, chars);
        for (int quotes = 0; quotes < 3 && e - start >= 2; quotes++) {
            char last = s.charAt(e - 1);
            if (last != '"' && last != '\'' || s.lastIndexOf(last, e - 2) >= start) {
                break;
            }
            e = trimEnd(s, start, e - 1, chars);
        }
        return e;
    }

    private static int trimEnd(String s, int start, int end, String chars) {
        int e = end;
        while (e > start && chars.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return e;
    }

    static int tokenEnd(String s, int pos) {
        int i = pos;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && i - pos < 4096) {
            if (i > pos && s.charAt(i) == '<' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                return i; // "is required</pre>": a closing tag ends the word
            }
            if (endsJsonString(s, i, pos)) {
                while (i > pos + 1 && s.charAt(i - 1) == '\\') {
                    i--; // "reason":"...incorrect\"}: the escape is the quote's, not the word's
                }
                return i;
            }
            i++;
        }
        return i;
    }

    /**
     * True for a '"' at {@code i} that closes the JSON string a word ends ("msg":"... is required","level"):
     * followed by ',', ':', '}' or ']', and not the quote a token opened with.
     */
    private static boolean endsJsonString(String s, int i, int tokenStart) {
        return s.charAt(i) == '"' && i > tokenStart && i + 1 < s.length() && ",:}]".indexOf(s.charAt(i + 1)) >= 0
                && s.charAt(tokenStart) != '"';
    }

    private static int wordEndAt(String s, int pos) {
        int i = pos;
        while (i < s.length() && isWordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static int skipSpaces(String s, int pos) {
        int i = pos;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String stripTrailing(String token, String chars) {
        int end = token.length();
        while (end > 0 && chars.indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(0, end);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || SanitizerKeys.isMark(c);
    }

    /** "id_ed25519", "server.key", "client.pem": the name of a key's file. */
    private static boolean isKeyFileName(CharSequence value) {
        String v = value.toString().toLowerCase(Locale.ROOT);
        if (v.startsWith("id_") && v.length() <= 16 && v.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c))) {
            return true;
        }
        int dot = v.lastIndexOf('.');
        return dot > 0 && KEY_FILE_EXTENSIONS.contains(v.substring(dot + 1));
    }

    private static final Set<String> KEY_FILE_EXTENSIONS = Set.of("pem", "key", "p12", "pfx", "jks", "keystore",
            "ppk", "pub", "der", "crt", "cer", "asc", "gpg", "kdbx");
}
