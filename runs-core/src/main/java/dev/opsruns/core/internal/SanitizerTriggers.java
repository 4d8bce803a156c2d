package dev.opsruns.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One pass over the redaction window that records which kinds of trigger it holds, so that
 * {@link SanitizerRules} runs only the rule families that could match: a message without a secret's
 * name skips the prose and named-value rules, one without a long run of token characters skips the
 * token formats and the entropy pass, one without a flag, pipe, '@' or call skips the command-line
 * rules. The triggers are necessary conditions of each family, never sufficient ones: every family
 * still decides for itself.
 *
 * <p>The stems are the shortest parts of the names {@link SanitizerKeys} and {@link SanitizerProse}
 * recognize ("pass" for password, passcode and storepass, "key" for every kind of key), so a name
 * those classes take always contains one. A host's own secret names turn the name trigger on for every
 * message, since they can be anything.
 */
final class SanitizerTriggers {

    /** A secret's name (or a stem of one) occurs. */
    static final int NAME = 1;
    /** A run of at least 16 token characters occurs: what the token formats need. */
    static final int RUN16 = 2;
    /** A run of at least {@value SanitizerEntropy#MIN_LENGTH} base64 characters occurs. */
    static final int RUN20 = 4;
    /** Something a command line is made of: a flag, a pipe, an '@', a call, a protocol verb. */
    static final int COMMAND = 8;
    /** A symbol a password generator mixes in ({@link SanitizerEntropy#redactShortPasswords}) occurs. */
    static final int SYMBOL = 16;

    // Stems of ASCII names, matched ignoring case anywhere in the text.
    private static final List<String> ASCII_STEMS = List.of("pass", "pw", "secret", "token", "key", "cred", "sess",
            "cookie", "auth", "sig", "assertion", "verifier", "saml", "sid", "code", "mnemonic", "phrase", "seed",
            "hmac", "sas", "otp", "pin", "puk", "psk", "jwt", "bearer", "pat", "clave", "kata", "chave", "wort",
            "woord", "contrase", "senha", "salasana", "losenord", "haslo", "heslo", "jelszo", "sifre", "adgangskode",
            "lykilor", "parool", "parol", "geslo", "lozinka", "slapta", "fjal", "nenosiri", "pasahitz", "communit",
            "kod", "codic", "2fa", "mfa", "answer", "maiden", "clé", "klíč", "chiave", "klucz", "sleutel", "nyckel",
            "anahtar", "kunci", "hesl",
            // not a name but a type that says its sibling value is a secret: SSM's "Type": "SecureString"
            "securestring");

    // Stems in other scripts, or with a letter outside ASCII among their first two.
    private static final List<String> OTHER_STEMS = List.of("lösenord", "hasło", "jelszó", "şifre", "lykilorð",
            "parolă", "slaptažodis", "fjalëkalim", "пароль", "парола", "лозинка", "סיסמ", "گذرواژه", "पासवर्ड",
            "रहस्यशब्द", "পাসওয়ার্ড", "கடவுச்சொல்", "รหัสผ่าน", "密码", "密碼", "口令", "パスワード", "暗証番号", "비밀",
            "암호", "mật khẩu", "κωδικ", "كلمة", "رمز", "código", "kód", "код", "验证码", "驗證碼", "校验码", "动态码", "コード",
            "ワンタイム", "인증", "קוד", "mã", "códigos", "hasł", "парол", "ключ", "密钥", "秘钥", "密鑰", "金鑰", "秘密鍵",
            "κλειδί", "مفتاح", "מפתח", "khóa");

    // Words that start a command the command-line rules read without any flag: vault login x, AUTH x.
    // snmpd's com2sec and createUser, an http-basic setting, SMTP's base64 "Password:" prompt and GitHub
    // Actions' ::add-mask:: are answered by a secret with no name beside it.
    private static final List<String> COMMAND_WORDS = List.of("vault", "rabbitmqctl", "nuget", "login", "user",
            "identified", "pgpass", "com2sec", "createuser", "http-basic", "gfzc3dvcmq6", "add-mask");

    // ASCII_STEMS and COMMAND_WORDS by their first two characters, lower case: one array read per position.
    private static final String[][] BY_PREFIX = new String[128 * 128][];
    private static final boolean[][] IS_COMMAND = new boolean[128 * 128][];

    static {
        List<List<String>> stems = new ArrayList<>();
        for (int i = 0; i < BY_PREFIX.length; i++) {
            stems.add(null);
        }
        List<String> all = new ArrayList<>(ASCII_STEMS);
        all.addAll(COMMAND_WORDS);
        for (String stem : all) {
            int index = prefix(stem.charAt(0), stem.charAt(1));
            if (stems.get(index) == null) {
                stems.set(index, new ArrayList<>());
            }
            stems.get(index).add(stem);
        }
        for (int i = 0; i < BY_PREFIX.length; i++) {
            List<String> list = stems.get(i);
            if (list != null) {
                BY_PREFIX[i] = list.toArray(new String[0]);
                IS_COMMAND[i] = new boolean[list.size()];
                for (int j = 0; j < list.size(); j++) {
                    IS_COMMAND[i][j] = COMMAND_WORDS.contains(list.get(j));
                }
            }
        }
    }

    private SanitizerTriggers() {
    }

    /** The triggers {@code s} holds, as a mask of this class's constants. */
    static int scan(String s, SanitizerSettings settings) {
        int n = s.length();
        int found = settings.secretNames().isEmpty() ? 0 : NAME;
        boolean otherScript = false;
        int run16 = 0;
        int run20 = 0;
        char previous = ' ';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && PASSWORD_SYMBOL[c]) {
                found |= SYMBOL;
            }
            run16 = isFormatChar(c) ? run16 + 1 : 0;
            run20 = isBase64Char(c) ? run20 + 1 : 0;
            if (run16 >= 16) {
                found |= RUN16;
            }
            if (run20 >= SanitizerEntropy.MIN_LENGTH) {
                found |= RUN20;
            }
            if (c >= 0x80) {
                otherScript = true;
            } else if ((found & (NAME | COMMAND)) != (NAME | COMMAND) && i + 1 < n && s.charAt(i + 1) < 0x80) {
                found |= stemAt(s, i, c);
            }
            // a call is a word and its '(' (new PDO(...)); "(attempt 3 of 5)" is not
            boolean call = c == '(' && (Character.isLetterOrDigit(previous) || previous == '_' || previous == ' '
                    && i >= 2 && Character.isLetterOrDigit(s.charAt(i - 2)));
            if (c == '|' || c == '@' || call || (c == '-' || c == '/') && (previous == ' ' || previous == '"'
                    || previous == '\'' || i == 0)) {
                found |= COMMAND;
            }
            previous = c;
        }
        if (otherScript && (found & NAME) == 0) {
            String lower = s.toLowerCase(Locale.ROOT);
            for (String stem : OTHER_STEMS) {
                if (lower.contains(stem)) {
                    found |= NAME;
                    break;
                }
            }
        }
        if ((found & NAME) != 0) {
            found |= COMMAND; // AUTH x, PASS x, -Password x: a name is also a command's trigger
        }
        return found;
    }

    private static int stemAt(String s, int i, char c) {
        String[] stems = BY_PREFIX[prefix(c, s.charAt(i + 1))];
        if (stems == null) {
            return 0;
        }
        int found = 0;
        boolean[] command = IS_COMMAND[prefix(c, s.charAt(i + 1))];
        for (int j = 0; j < stems.length; j++) {
            if (s.regionMatches(true, i, stems[j], 0, stems[j].length())) {
                found |= command[j] ? COMMAND : NAME;
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

    // Per ASCII character, looked up once per character of the window instead of searching a string.
    private static final boolean[] FORMAT_CHAR = new boolean[128];
    private static final boolean[] PASSWORD_SYMBOL = new boolean[128];

    static {
        for (char c = '!'; c < 0x7F; c++) {
            FORMAT_CHAR[c] = "\"'`<>()[]{},;|\\".indexOf(c) < 0;
        }
        for (char c : SanitizerEntropy.PASSWORD_SYMBOLS.toCharArray()) {
            PASSWORD_SYMBOL[c] = true;
        }
    }

    /** The characters a token format's run is made of (see {@link SanitizerTokenFormats}). */
    private static boolean isFormatChar(char c) {
        return c < 0x80 && FORMAT_CHAR[c];
    }

    private static boolean isBase64Char(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '_'
                || c == '-';
    }
}
