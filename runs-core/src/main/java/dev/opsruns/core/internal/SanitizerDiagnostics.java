package dev.opsruns.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Picks the diagnostic fields out of a structured error body that is too large to keep: its error
 * code, status, message, and request, correlation and trace ids ({@code {"error":{"code":
 * "AuthorizationFailed","message":"..."}}}, AWS's {@code <Error><Code>...</Code><RequestId>}, an RFC 7807
 * problem). They are what a reader needs to diagnose and to quote to a vendor's support; the rest of
 * the body is dropped. The fields come out as {@code {"code":"...","message":"..."} } ahead of the
 * omission marker, and the redaction rules then treat them like any other text.
 *
 * <p>Both scans are hand-written and visit each character of the body once.
 */
final class SanitizerDiagnostics {

    // Normalized field names worth keeping, error codes and ids first.
    private static final Set<String> FIELDS = Set.of("code", "errorcode", "status", "statuscode", "type", "title",
            "message", "errormessage", "errordescription", "detail", "reason", "target", "requestid",
            "xmsrequestid", "clientrequestid", "correlationid", "xcorrelationid", "traceid", "activityid",
            "operationid", "xamzrequestid", "amzrequestid", "hostid", "date", "timestamp", "faultcode",
            "faultstring", "resource", "errortype", "subcode", "errorsubcode", "innererrorcode",
            // structured loggers' message and error fields: pino, bunyan and zap's "msg", MongoDB's "errmsg"
            "msg", "errmsg", "error");

    private static final int MAX_FIELDS = 8;
    private static final int MAX_VALUE = 160;

    private SanitizerDiagnostics() {
    }

    /** The diagnostic fields of the JSON block {@code s[start, end)}, then a space; empty when it has none. */
    static String ofJson(String s, int start, int end) {
        Map<String, String> kept = new LinkedHashMap<>();
        int i = start;
        while (i < end && kept.size() < MAX_FIELDS) {
            char c = s.charAt(i);
            if (c != '"') {
                i++;
                continue;
            }
            int keyEnd = stringEnd(s, i + 1, end);
            String key = s.substring(i + 1, Math.min(keyEnd, end));
            int j = skipSpaces(s, keyEnd + 1, end);
            if (j >= end || s.charAt(j) != ':') {
                i = keyEnd + 1;
                continue;
            }
            j = skipSpaces(s, j + 1, end);
            if (j >= end) {
                break;
            }
            char v = s.charAt(j);
            String value = null;
            int next;
            if (v == '"') {
                int valueEnd = stringEnd(s, j + 1, end);
                value = "\"" + shorten(s.substring(j + 1, Math.min(valueEnd, end))) + "\"";
                next = valueEnd + 1;
            } else if (v == '{' || v == '[') {
                next = j + 1; // nested: its members are scanned next
            } else {
                int valueEnd = j;
                while (valueEnd < end && ",}] ".indexOf(s.charAt(valueEnd)) < 0 && valueEnd - j < 32) {
                    valueEnd++;
                }
                value = s.substring(j, valueEnd);
                next = valueEnd;
            }
            String normalized = SanitizerKeys.normalize(key);
            if (value != null && FIELDS.contains(normalized) && !kept.containsKey(normalized)) {
                kept.put(normalized, "\"" + key + "\":" + value);
            }
            i = Math.max(next, i + 1);
        }
        return render(kept);
    }

    /** The diagnostic elements of the markup block {@code s[start, end)} ({@code <Code>}, {@code <RequestId>}). */
    static String ofMarkup(String s, int start, int end) {
        Map<String, String> kept = new LinkedHashMap<>();
        int i = s.indexOf('<', start);
        while (i >= 0 && i < end && kept.size() < MAX_FIELDS) {
            int nameEnd = i + 1;
            while (nameEnd < end && (Character.isLetterOrDigit(s.charAt(nameEnd)) || s.charAt(nameEnd) == ':'
                    || s.charAt(nameEnd) == '_' || s.charAt(nameEnd) == '-')) {
                nameEnd++;
            }
            if (nameEnd >= end || nameEnd == i + 1 || s.charAt(nameEnd) != '>') {
                i = s.indexOf('<', i + 1);
                continue;
            }
            String name = s.substring(i + 1, nameEnd);
            String local = name.substring(name.lastIndexOf(':') + 1);
            int textEnd = s.indexOf('<', nameEnd + 1);
            if (textEnd < 0 || textEnd > end) {
                break;
            }
            String normalized = SanitizerKeys.normalize(local);
            String text = s.substring(nameEnd + 1, textEnd).strip();
            // an HTML page's title repeats its status line; AWS and Azure bodies name their fields
            if (!text.isEmpty() && FIELDS.contains(normalized) && !normalized.equals("date") && !normalized.equals("title")
                    && !kept.containsKey(normalized)) {
                kept.put(normalized, "\"" + local + "\":\"" + shorten(text) + "\"");
            }
            i = textEnd;
        }
        return render(kept);
    }

    private static String render(Map<String, String> kept) {
        if (kept.isEmpty()) {
            return "";
        }
        return "{" + String.join(",", kept.values()) + "} ";
    }

    private static String shorten(String value) {
        if (value.length() <= MAX_VALUE) {
            return value;
        }
        int cut = value.lastIndexOf(' ', MAX_VALUE);
        return value.substring(0, cut > MAX_VALUE / 2 ? cut : MAX_VALUE) + SanitizerText.ELLIPSIS;
    }

    /** Index of the quote that ends a JSON string starting at {@code from}, or {@code end}. */
    private static int stringEnd(String s, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return end;
    }

    private static int skipSpaces(String s, int from, int end) {
        int i = from;
        while (i < end && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
