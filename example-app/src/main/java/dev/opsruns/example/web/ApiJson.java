package dev.opsruns.example.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;

/** The API's JSON conventions: snake_case names, ISO-8601 UTC instants, strict parsing. */
public final class ApiJson {

    private ApiJson() {
    }

    /** @return a mapper for responses and request bodies */
    public static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule("instants").addSerializer(Instant.class, ToStringSerializer.instance);
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(instants)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonParser.Feature.ALLOW_COMMENTS)
                .build();
    }
}
