package io.jstack.common.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operator's policy file, as Nova's and Glance's {@code policy.yaml} (or the older {@code policy.json}): a
 * mapping of rule names to check strings. A file that does not exist means the defaults; one that exists but
 * cannot be read, is not such a mapping, or has a value that is not a string is an error.
 */
public final class PolicyFile {

    private PolicyFile() {
    }

    /** The overrides a file holds, in file order; empty when it does not exist. */
    public static Map<String, String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        return parse(Files.readString(file), file.toString());
    }

    /** The overrides a YAML or JSON text holds ({@code source} names it in errors). */
    public static Map<String, String> parse(String text, String source) throws IOException {
        if (text.isBlank()) {
            return Map.of();
        }
        JsonNode root;
        try {
            ObjectMapper mapper = text.stripLeading().startsWith("{") ? new ObjectMapper()
                    : new ObjectMapper(new YAMLFactory());
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException("policy file " + source + " is neither YAML nor JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new IOException("policy file " + source + " must map rule names to check strings");
        }
        Map<String, String> rules = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new IOException("policy file " + source + ": the rule \"" + entry.getKey()
                        + "\" must be a check string");
            }
            rules.put(entry.getKey(), entry.getValue().textValue());
        }
        return rules;
    }
}
