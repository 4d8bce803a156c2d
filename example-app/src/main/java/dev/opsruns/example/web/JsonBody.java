package dev.opsruns.example.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A request's JSON object body, read strictly: {@code application/json} only, at most the configured
 * size (counted while reading, whatever Content-Length says), valid JSON without duplicate keys, an
 * object, no fields but the accepted ones. Accessors check types and say what is accepted.
 */
public final class JsonBody {

    /*
     * A body a little over the cap is read to its end before the 413, so the client reads the answer:
     * a server that closes a connection with unread bytes in its receive buffer sends a TCP reset, and
     * the reset can destroy the 413 before the client has read it. Far larger bodies are not worth
     * reading; their senders may see the connection reset instead.
     */
    private static final int DRAIN_FACTOR = 4;

    private final ObjectNode node;
    private final String example;

    private JsonBody(ObjectNode node, String example) {
        this.node = node;
        this.example = example;
    }

    /**
     * @param ctx the request
     * @param mapper the API's mapper
     * @param maxBytes the largest accepted body
     * @param accepted the accepted field names
     * @param example an example body for messages
     * @param emptyAllowed true when an empty body means {@code {}}
     * @return the body
     * @throws ApiException 413, 415 or 400 as described in the class comment
     */
    public static JsonBody read(Context ctx, ObjectMapper mapper, int maxBytes, Set<String> accepted, String example,
            boolean emptyAllowed) {
        byte[] bytes = readBounded(ctx, maxBytes);
        if (bytes.length == 0 && emptyAllowed) {
            return new JsonBody(mapper.createObjectNode(), example);
        }
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", null,
                    "send the body as Content-Type: application/json, such as " + example);
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String why = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "has a duplicate field" : "is not valid JSON";
            throw ApiException.badRequest("body", "the request body " + why + where + "; send a JSON object such as " + example);
        } catch (IOException e) {
            throw ApiException.badRequest("body", "the request body could not be read; send a JSON object such as " + example);
        }
        if (parsed == null || !parsed.isObject()) {
            throw ApiException.badRequest("body", "the request body must be a JSON object such as " + example);
        }
        ObjectNode object = (ObjectNode) parsed;
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw ApiException.badRequest(name, "unknown field '" + clip(name) + "'; accepted fields: "
                        + String.join(", ", accepted.stream().sorted().toList()) + ", as in " + example);
            }
        }
        return new JsonBody(object, example);
    }

    /**
     * @param field a field name
     * @return true when the body has the field (even as null or an empty list)
     */
    public boolean has(String field) {
        return node.has(field);
    }

    /**
     * @param field a field name
     * @param format what the value must look like
     * @param description the format, for messages
     * @return the field's string value
     * @throws ApiException 400 when missing, not a string or not of the format
     */
    public String requiredString(String field, Predicate<String> format, String description) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(field, "field '" + field + "' is required: " + description + ", as in " + example);
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(field, "field '" + field + "' must be a string (" + description + "), but was "
                    + kind(value));
        }
        if (!format.test(value.asText())) {
            throw ApiException.badRequest(field, "field '" + field + "' must be " + description + ", but was '"
                    + clip(value.asText()) + "'");
        }
        return value.asText();
    }

    /**
     * @param field a field name
     * @param required true when the field must be present
     * @param min the fewest elements
     * @param max the most elements
     * @param format what each element must look like
     * @param description the element format, for messages
     * @return the list, empty when absent and not required
     * @throws ApiException 400 when missing, not a list of strings, of the wrong size or holding a malformed element
     */
    public List<String> stringList(String field, boolean required, int min, int max, Predicate<String> format,
            String description) {
        JsonNode value = node.get(field);
        String accepted = "a list of " + min + "-" + max + " strings (" + description + ")";
        if (value == null || value.isNull()) {
            if (required) {
                throw ApiException.badRequest(field, "field '" + field + "' is required: " + accepted + ", as in " + example);
            }
            return List.of();
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(field, "field '" + field + "' must be " + accepted + ", but was " + kind(value));
        }
        if (value.size() < min || value.size() > max) {
            throw ApiException.badRequest(field, "field '" + field + "' must be " + accepted + ", but had "
                    + value.size() + " element(s)");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                throw ApiException.badRequest(field, "field '" + field + "' must be " + accepted + ", but element " + i
                        + " was " + kind(element));
            }
            if (!format.test(element.asText())) {
                throw ApiException.badRequest(field, "field '" + field + "' element " + i + " must be " + description
                        + ", but was '" + clip(element.asText()) + "'");
            }
            result.add(element.asText());
        }
        return result;
    }

    private static byte[] readBounded(Context ctx, int maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        long drainable = (long) maxBytes * DRAIN_FACTOR;
        if (declared > drainable) {
            throw tooLarge(maxBytes);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            long read = 0;
            while ((n = in.read(buffer)) != -1) {
                read += n;
                if (read <= maxBytes) {
                    out.write(buffer, 0, n);
                } else if (read > drainable) {
                    break;
                }
            }
            if (read > maxBytes || declared > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (BodyReadFailure.statusOf(e) == 408) {
                throw new ApiException(408, "request_timeout", "body", "the request body stopped or arrived too slowly");
            }
            throw ApiException.badRequest("body", "the request body could not be read");
        }
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "payload_too_large", "body", "the request body must be at most " + maxBytes + " bytes");
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }

    /** Keeps echoed input short and on one line. */
    static String clip(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
    }
}
