package io.jstack.common.testing.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One route a service serves: an HTTP method on a path template such as {@code /v2.1/servers/{id}/action}, with
 * what its resource method declares: media types, query parameters and headers it reads.
 */
public record Route(String method, String template, List<Part> parts, List<String> consumes, List<String> produces,
             Set<String> queryParams, Set<String> headerParams, String source) {

    /** A path segment: a literal, or a parameter with an optional regular expression. */
    public record Part(String literal, String param, String regex) {
        boolean isParam() {
            return param != null;
        }

        /** The values a parameter restricted to literal alternatives ({@code projects|domains}) can take. */
        List<String> alternatives() {
            if (regex == null || !regex.matches("[A-Za-z0-9_.\\-]+(\\|[A-Za-z0-9_.\\-]+)*")) {
                return List.of();
            }
            return List.of(regex.split("\\|"));
        }
    }

    static List<Part> parse(String template) {
        List<Part> parts = new ArrayList<>();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String inner = segment.substring(1, segment.length() - 1);
                int colon = inner.indexOf(':');
                parts.add(colon < 0 ? new Part(null, inner.trim(), null)
                        : new Part(null, inner.substring(0, colon).trim(), inner.substring(colon + 1).trim()));
            } else {
                parts.add(new Part(segment, null, null));
            }
        }
        return parts;
    }

    List<Part> params() {
        return parts.stream().filter(Part::isParam).toList();
    }

    /** A health route: its 503 says the service is not ready, in the health check's own shape. */
    boolean isHealth() {
        return source.equals("smallrye-health");
    }

    boolean hasBody() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
