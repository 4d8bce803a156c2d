package dev.opsruns.example.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (a request so malformed it never reaches the API: a bad header, an
 * invalid URI) as the API's JSON {@link ApiError} instead of Jetty's HTML page.
 */
final class JsonServerErrors extends ErrorHandler {

    private final ObjectMapper json;

    JsonServerErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String detail = message == null || message.isBlank() ? "" : " (" + JsonBody.clip(message) + ")";
        ApiError error = new ApiError(code, code == 400 ? "invalid_request" : "http_" + code,
                (code == 400 ? "the HTTP request is malformed" : "the request failed") + detail, null, null);
        byte[] body;
        try {
            body = json.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            body = ("{\"status\":" + code + "}").getBytes(StandardCharsets.UTF_8);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
