package dev.opsruns.jdbi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private ContextJson() {
    }

    /**
     * @param json a JSON object as stored
     * @return the context
     * @throws RunStoreException when the stored text is not a context (someone edited the row)
     */
    static RunContext read(String json) {
        try {
            Map<String, Object> members = MAPPER.readValue(json, OBJECT);
            return RunContext.of(members);
        } catch (JsonProcessingException | RuntimeException e) {
            // the stored text is never echoed: a context may hold data the caller should not see in logs
            throw new RunStoreException("a stored run context is not a valid context object", e);
        }
    }
}
