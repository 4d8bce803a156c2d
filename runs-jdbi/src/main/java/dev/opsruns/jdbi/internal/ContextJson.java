package dev.opsruns.jdbi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.opsruns.core.RunContext;
import dev.opsruns.core.RunStoreException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a stored context back. Writing needs no JSON library: {@link RunContext#toJson()} already is
 * the canonical JSON. The database may hand the object back reordered or re-spaced (jsonb does);
 * {@link RunContext#of} normalizes it again, so the context read equals the context written.
 */
final class ContextJson {

    /** Resolved once: a reader per call would resolve the map type again every time. */
    private static final ObjectReader OBJECT = new ObjectMapper().readerFor(new TypeReference<LinkedHashMap<String, Object>>() {
    });

    private ContextJson() {
    }

    /**
     * @param json a JSON object as stored
     * @return the context
     * @throws RunStoreException when the stored text is not a context (someone edited the row)
     */
    static RunContext read(String json) {
        try {
            Map<String, Object> members = OBJECT.readValue(json);
            return RunContext.of(members);
        } catch (JsonProcessingException | RuntimeException e) {
            // the stored text is never echoed: a context may hold data the caller should not see in logs
            throw new RunStoreException("a stored run context is not a valid context object", e);
        }
    }

    /**
     * Reads a stored context that is likely {@code expected} (the active run found for a start holds
     * the same key, so usually the same context) without parsing it when the text shows it is.
     *
     * @param json a JSON object as stored
     * @param expected the context the caller expects
     * @return {@code expected} when the text is its canonical JSON apart from whitespace between
     *     tokens (jsonb's rendering of it when its members are in the same order), else the parsed text
     */
    static RunContext read(String json, RunContext expected) {
        return sameApartFromSpacing(json, expected.toJson()) ? expected : read(json);
    }

    /*
     * Whitespace outside strings is all that may differ; anything else (member order, escapes, number
     * forms) falls back to the parse, which is always right.
     */
    static boolean sameApartFromSpacing(String stored, String canonical) {
        int i = 0;
        boolean inString = false;
        for (int j = 0; j < canonical.length(); j++) {
            char c = canonical.charAt(j);
            if (!inString) {
                while (i < stored.length() && isJsonSpace(stored.charAt(i))) {
                    i++;
                }
            }
            if (i == stored.length() || stored.charAt(i) != c) {
                return false;
            }
            i++;
            if (c == '"') {
                inString = !inString;
            } else if (c == '\\' && inString) {
                // the escaped character follows in both: compare it without toggling the string state
                if (++j == canonical.length() || i == stored.length() || stored.charAt(i) != canonical.charAt(j)) {
                    return false;
                }
                i++;
            }
        }
        while (i < stored.length() && isJsonSpace(stored.charAt(i))) {
            i++;
        }
        return i == stored.length();
    }

    private static boolean isJsonSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
