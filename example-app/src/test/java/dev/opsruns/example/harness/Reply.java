package dev.opsruns.example.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/**
 * One HTTP response as tests see it.
 *
 * @param status the status code
 * @param body the body text
 * @param headers the headers
 */
public record Reply(int status, String body, HttpHeaders headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return the body parsed as JSON (fails the test when it is not JSON) */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON (status " + status + "): " + body, e);
        }
    }

    /** @return the content type, or empty */
    public String contentType() {
        return headers.firstValue("Content-Type").orElse("");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
