package dev.opsruns.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Redacts the codes people are sent or given to type in: one-time codes and OTPs ("Your one-time code
 * is 482913", "OTP: 739201", "Ihr Einmalcode lautet 604218", "您的验证码是 835201", "인증번호 [620584]"),
 * the same before their name ("425506 is your verification code"), and lists of recovery or backup
 * codes ("Backup codes: 7f3k-9d2m 4h8q-2x6p ..."). A name is matched at a word's start in the
 * languages such messages are sent in; its value is the first code-shaped token a few words on, and
 * a number that counts something ("expires in 3600 seconds", "attempt 2 of 5") is no code.
 *
 * <p>One scan of the window; each name looks at a bounded number of tokens around it.
 */
final class SanitizerCodes {

    /*
     * Names of a one-time code, lower case, matched at a word's start; a name that ends inside a word
     * takes the rest of it ("doğrulama kod" in "kodunuz", "einmalcode" in "Einmalcodes").
     */
    private static final List<String> CODE_NAMES = List.of("otp", "totp", "2fa", "mfa", "one-time code",
            "one-time password", "one-time passcode", "one time code", "one time password", "einmalcode",
            "einmalpasswort", "bestätigungscode", "verifizierungscode", "sicherheitscode", "anmeldecode",
            "engångskod", "verifieringskod", "eenmalige code", "verificatiecode", "code à usage unique",
            "code de vérification", "code de confirmation", "código de verificación", "código de verificação",
            "código de confirmación", "código de confirmação", "codice di verifica", "codice monouso",
            "kod weryfikacyjny", "kod jednorazowy", "ověřovací kód", "jednorázový kód", "doğrulama kod",
            "onay kod", "код подтверждения", "одноразовый код", "одноразовий код", "код підтвердження",
            "رمز التحقق", "رمز التأكيد", "קוד אימות", "קוד חד פעמי", "验证码", "驗證碼", "校验码", "动态码",
            "認証コード", "確認コード", "ワンタイム", "인증번호", "인증 번호", "인증 코드", "mã xác nhận", "mã xác thực",
            "kode verifikasi", "verification code", "security code", "confirmation code", "sms code", "login code",
            "sign-in code", "pairing code", "activation code", "unlock code", "keypad code", "door code",
            "gate code", "alarm code");

    // A code's bare name, taken only after "your", "enter" or "the" (then a linking word must come).
    private static final Set<String> BARE_NAMES = Set.of("code", "kod", "kód", "código", "codice", "код", "kode",
            "mã");

    // Words before a bare name that say it is a code someone was given.
    private static final Set<String> GIVEN = Set.of("your", "enter", "ihr", "votre", "tu", "su", "seu", "sua",
            "il", "je", "twój", "ваш", "váš", "din");

    // Linking words between a name and its code.
    private static final Set<String> LINKS = Set.of("is", "was", "ist", "lautet", "est", "es", "é", "è", "är",
            "to", "je", "jest", "是", "は", "là", "adalah", "هو", "है", "=", ":", "-", "—", "->", "→");

    // Words before a number that make it a count or a time, not a code: "expires in 3600", "after 1000".
    private static final Set<String> COUNT_LEADS = Set.of("in", "after", "for", "within", "of", "until", "since",
            "at", "every", "than", "per", "last", "nach", "dans", "en", "em", "entro", "binnen", "через");

    // Words after a number that make it a count: "3600 seconds", "1000 attempts".
    private static final Set<String> UNITS = Set.of("seconds", "second", "secs", "sec", "s", "ms", "minutes",
            "minute", "mins", "min", "hours", "hour", "h", "days", "day", "attempts", "attempt", "tries", "digits",
            "characters", "chars", "times", "sekunden", "minuten", "secondes", "segundos", "minutos", "minuti",
            "minuter", "минут", "секунд", "хвилин", "dakika", "phút", "menit", "分钟", "秒", "분", "초", "分");

    // Names of a list of codes, each usable once in place of a second factor.
    private static final List<String> LIST_NAMES = List.of("backup codes", "recovery codes", "scratch codes",
            "emergency codes", "emergency scratch codes", "wiederherstellungscodes", "backup-codes",
            "codes de récupération", "codes de secours", "códigos de recuperación", "códigos de backup",
            "códigos de recuperação", "codici di backup", "kody zapasowe", "коды восстановления", "резервные коды");

    private static final String OPENERS = "\"'`([{«「『【“‘";
    private static final String CJK_LINKS = "是为為は：:=";
    private static final String CLOSERS = "\"'`)]}»」』】”’.,;:!?#，。、；：！？";

    // How many tokens after a name its code may come: "Mã OTP của bạn là 882375".
    private static final int MAX_TOKENS = 6;

    private static final String STARTS = firstLetters();

    // The names by their first letter: one list looked at per word instead of every name.
    private static final Map<Character, List<String>> CODE_BY_FIRST = byFirstLetter(CODE_NAMES);
    private static final Map<Character, List<String>> LIST_BY_FIRST = byFirstLetter(LIST_NAMES);

    private static Map<Character, List<String>> byFirstLetter(List<String> names) {
        Map<Character, List<String>> byFirst = new HashMap<>();
        for (String name : names) {
            byFirst.computeIfAbsent(name.charAt(0), c -> new ArrayList<>()).add(name);
        }
        return byFirst;
    }

    private SanitizerCodes() {
    }

    private static String firstLetters() {
        StringBuilder sb = new StringBuilder();
        for (String name : CODE_NAMES) {
            if (sb.indexOf(name.substring(0, 1)) < 0) {
                sb.append(name.charAt(0));
            }
        }
        for (String name : LIST_NAMES) {
            if (sb.indexOf(name.substring(0, 1)) < 0) {
                sb.append(name.charAt(0));
            }
        }
        for (String name : BARE_NAMES) {
            if (sb.indexOf(name.substring(0, 1)) < 0) {
                sb.append(name.charAt(0));
            }
        }
        return sb.toString();
    }

    /** Redacts one-time codes and lists of recovery codes after (or before) their names. */
    static String redact(String s) {
        int n = s.length();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.length() != n) {
            // char by char, so positions line up with s ("İ" lower-cases to two chars as a string)
            char[] folded = new char[n];
            for (int i = 0; i < n; i++) {
                folded[i] = Character.toLowerCase(s.charAt(i));
            }
            lower = new String(folded);
        }
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = lower.charAt(i);
            // CJK writes no space before a name: 您的验证码是
            if (STARTS.indexOf(c) < 0 || i > 0 && c < 0x3000 && Character.isLetterOrDigit(lower.charAt(i - 1))) {
                continue;
            }
            int[] span = null;
            int nameEnd = nameAt(lower, i, LIST_BY_FIRST);
            if (nameEnd > 0) {
                span = codeList(s, nameEnd);
            } else if ((nameEnd = nameAt(lower, i, CODE_BY_FIRST)) > 0) {
                span = codeAfter(s, lower, nameEnd, false);
                if (span == null) {
                    span = codeBefore(s, lower, i);
                }
            } else if ((nameEnd = bareNameAt(lower, i)) > 0) {
                String previous = wordBefore(lower, i, 1);
                String earlier = wordBefore(lower, i, 2);
                // "VerifyOtpException: code 228117": a code the previous word's name is about
                boolean given = GIVEN.contains(previous) || GIVEN.contains(earlier) || previous.contains("otp")
                        || previous.contains("mfa") || previous.contains("2fa");
                if (given || previous.equals("the")) {
                    span = codeAfter(s, lower, nameEnd, !given);
                }
            }
            if (span != null && span[0] >= copied) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(s, copied, span[0]).append(SanitizerRules.REDACTED);
                copied = span[1];
                i = span[1] - 1;
            }
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /** The end of the name of {@code names} at {@code at}, extended to its word's end, or -1. */
    private static int nameAt(String lower, int at, Map<Character, List<String>> byFirst) {
        List<String> names = byFirst.get(lower.charAt(at));
        for (int k = 0; names != null && k < names.size(); k++) {
            String name = names.get(k);
            if (lower.startsWith(name, at)) {
                int end = at + name.length();
                while (end < lower.length() && Character.isLetter(lower.charAt(end))) {
                    end++;
                }
                return end;
            }
        }
        return -1;
    }

    /** The end of a bare name ("code", "kod") at {@code at} when it is a whole word, or -1. */
    private static int bareNameAt(String lower, int at) {
        int end = at;
        while (end < lower.length() && Character.isLetter(lower.charAt(end))) {
            end++;
        }
        String word = lower.substring(at, end);
        return BARE_NAMES.contains(word) || word.endsWith("s") && BARE_NAMES.contains(word.substring(0, word.length() - 1))
                ? end : -1;
    }

    /** The {@code k}-th word before {@code at} (1 = the previous one), lower case, or "". */
    private static String wordBefore(String lower, int at, int k) {
        int i = at;
        String word = "";
        for (int w = 0; w < k; w++) {
            while (i > 0 && !Character.isLetterOrDigit(lower.charAt(i - 1))) {
                i--;
            }
            int end = i;
            while (i > 0 && Character.isLetterOrDigit(lower.charAt(i - 1))) {
                i--;
            }
            word = lower.substring(i, end);
        }
        return word;
    }

    /**
     * The span of the first code-shaped token within {@link #MAX_TOKENS} tokens after {@code from}, or
     * null. {@code needLink}: a linking word must come first ("the code it sent me is 236703").
     */
    private static int[] codeAfter(String s, String lower, int from, boolean needLink) {
        int pos = from;
        boolean linked = false;
        String previous = "";
        for (int t = 0; t < MAX_TOKENS; t++) {
            pos = SanitizerProse.skipSpaces(s, pos);
            if (pos >= s.length()) {
                return null;
            }
            int end = SanitizerProse.tokenEnd(s, pos);
            int[] code = codeIn(s, pos, end);
            if (code != null) {
                if (needLink && !linked || COUNT_LEADS.contains(previous) || UNITS.contains(nextWord(lower, code[1]))) {
                    return null;
                }
                return code;
            }
            String token = lower.substring(pos, end);
            String bare = strip(token);
            if (bare.chars().anyMatch(Character::isDigit) || token.startsWith("[redacted")) {
                return null; // another number ("+49", "10:00"): the code is not here
            }
            linked |= LINKS.contains(bare) || token.endsWith(":") || token.endsWith("：") || LINKS.contains(token);
            // CJK writes the linking word against the name: 验证码是 835201
            linked |= t == 0 && pos == from && !bare.isEmpty();
            previous = bare;
            pos = end;
        }
        return null;
    }

    /** "425506 is your verification code": the code before "is your" and the name. */
    private static int[] codeBefore(String s, String lower, int nameStart) {
        int i = nameStart;
        boolean your = false;
        boolean linked = false; // the word just read was "is" after "your": the next one back is the code
        for (int w = 0; (w < 4 || linked) && i > 0; w++) {
            int end = i;
            while (end > 0 && s.charAt(end - 1) == ' ') {
                end--;
            }
            int start = end;
            while (start > 0 && s.charAt(start - 1) != ' ') {
                start--;
            }
            if (linked) {
                return codeIn(s, start, end);
            }
            String word = lower.substring(start, end);
            linked = your && word.equals("is");
            your |= word.equals("your");
            i = start;
        }
        return null;
    }

    /**
     * The code inside the token {@code s[pos, end)}: four to ten digits, or a group of three or four
     * followed by another ("815 731"), or four to twelve upper-case letters and digits mixing both,
     * within quotes or brackets and before punctuation or a particle ("[620584]를"); else null.
     */
    private static int[] codeIn(String s, int pos, int end) {
        int start = pos;
        // an opening quote or bracket, or the linking word CJK writes against the code: 为：835201
        while (start < end && (OPENERS.indexOf(s.charAt(start)) >= 0 || CJK_LINKS.indexOf(s.charAt(start)) >= 0)) {
            start++;
        }
        if (start + 1 < end && s.charAt(start) >= 'A' && s.charAt(start) <= 'Z' && s.charAt(start + 1) == '-') {
            start += 2; // Google's "G-482913"
        }
        int stop = start;
        boolean digit = false;
        boolean letter = false;
        while (stop < end && (Character.isDigit(s.charAt(stop)) || s.charAt(stop) >= 'A' && s.charAt(stop) <= 'Z')) {
            digit |= Character.isDigit(s.charAt(stop));
            letter |= !Character.isDigit(s.charAt(stop));
            stop++;
        }
        int length = stop - start;
        if (!digit || stop < end && CLOSERS.indexOf(s.charAt(stop)) < 0) {
            return null;
        }
        if (!letter && length >= 3 && length <= 4 && stop == end) {
            // a code in groups: "815 731", "4821 9034"
            int next = end + 1;
            int nextEnd = next;
            while (nextEnd < s.length() && Character.isDigit(s.charAt(nextEnd))) {
                nextEnd++;
            }
            if (next < s.length() && s.charAt(end) == ' ' && nextEnd - next >= 3 && nextEnd - next <= 4
                    && (nextEnd == s.length() || !Character.isLetterOrDigit(s.charAt(nextEnd)))) {
                return new int[] {start, nextEnd};
            }
        }
        boolean numeric = !letter && length >= 4 && length <= 10;
        boolean mixed = letter && length >= 4 && length <= 12;
        return numeric || mixed || isBase32Seed(s, start, stop) ? new int[] {start, stop} : null;
    }

    /** "TOTP seed SZB3NRIT...": an authenticator's shared secret, sixteen or more base32 characters. */
    private static boolean isBase32Seed(String s, int from, int to) {
        if (to - from < 16 || to - from > 128) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }

    /** The span of a list of recovery codes after its name (and a remark up to a colon), or null. */
    private static int[] codeList(String s, int from) {
        int pos = SanitizerProse.skipSpaces(s, from);
        int colon = s.indexOf(':', from);
        if (colon >= 0 && colon - from <= 64) {
            pos = SanitizerProse.skipSpaces(s, colon + 1);
        } else if (s.startsWith("are ", pos) || s.startsWith("were ", pos)) {
            pos = SanitizerProse.skipSpaces(s, pos + 4); // "recovery codes are x, y"
        }
        int start = -1;
        int end = -1;
        for (int item = 0; item < 32 && pos < s.length(); item++) {
            int tokenEnd = SanitizerProse.tokenEnd(s, pos);
            int valueEnd = tokenEnd;
            while (valueEnd > pos && ",;/".indexOf(s.charAt(valueEnd - 1)) >= 0) {
                valueEnd--;
            }
            if (s.substring(pos, tokenEnd).equals("/")) {
                pos = SanitizerProse.skipSpaces(s, tokenEnd);
                continue;
            }
            if (!isListCode(s, pos, valueEnd)) {
                break;
            }
            start = start < 0 ? pos : start;
            end = valueEnd;
            pos = SanitizerProse.skipSpaces(s, tokenEnd);
        }
        return start < 0 ? null : new int[] {start, end};
    }

    /** Six to twenty-four letters, digits and dashes holding a digit: one recovery code. */
    private static boolean isListCode(String s, int from, int to) {
        int length = to - from;
        if (length < 6 || length > 24) {
            return false;
        }
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '-')) {
                return false;
            }
            digit |= Character.isDigit(c);
        }
        return digit;
    }

    private static String nextWord(String lower, int from) {
        int pos = SanitizerProse.skipSpaces(lower, from);
        int end = pos;
        while (end < lower.length() && Character.isLetter(lower.charAt(end))) {
            end++;
        }
        if (end == pos) {
            // CJK units follow the digits directly, or after punctuation: "5分钟"
            return pos < lower.length() ? lower.substring(pos, Math.min(lower.length(), pos + 2)) : "";
        }
        return lower.substring(pos, end);
    }

    private static String strip(String token) {
        int start = 0;
        int end = token.length();
        while (start < end && OPENERS.indexOf(token.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && CLOSERS.indexOf(token.charAt(end - 1)) >= 0) {
            end--;
        }
        return token.substring(start, end);
    }
}
