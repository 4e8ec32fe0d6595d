package io.jstack.image.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstack.common.api.ApiException;

import java.io.IOException;

/** Request bodies are read as bytes and parsed here, whatever Content-Type they came with (as Glance does). */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("Body expected in request.");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("Body expected in request.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Malformed JSON in request body.");
        } catch (IOException e) {
            throw ApiException.badRequest("Malformed JSON in request body.");
        }
    }

    static JsonNode object(byte[] body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw ApiException.badRequest("Request body must be a JSON object.");
        }
        return node;
    }

    static Object plain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }
}
