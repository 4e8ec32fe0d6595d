package io.jstack.image.service;

import io.jstack.common.api.ApiException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Property protections, as the Glance admin guide describes them: an INI file whose sections are regular
 * expressions over custom property names, each with {@code create}, {@code read}, {@code update} and
 * {@code delete} set to the roles allowed ({@code @} everyone, {@code !} no one). The first section whose
 * pattern matches a name decides; a name no section matches may not be touched at all. Base properties (name,
 * visibility, ...) are never protected. Without a file, every custom property is open to whoever may change the
 * image.
 *
 * <p>With {@code property_protection_rule_format = policies} the values name policy rules instead of roles;
 * the rules known here are {@code context_is_admin} (the cloud admin, as the policy says) and {@code default}
 * (anyone).
 */
public final class PropertyProtections {

    public enum Operation { CREATE, READ, UPDATE, DELETE }

    private record Rule(Pattern pattern, Map<Operation, Set<String>> allowed) {
    }

    private static final PropertyProtections NONE = new PropertyProtections(null);

    /** Stands for the policy's cloud admin ({@code context_is_admin}) in a rule's list; no role is named so. */
    private static final String CLOUD_ADMIN = "rule:context_is_admin";

    /** null: protections are off. */
    private final List<Rule> rules;

    private PropertyProtections(List<Rule> rules) {
        this.rules = rules;
    }

    public static PropertyProtections none() {
        return NONE;
    }

    /** Reads a protections file; any problem (missing file, bad pattern, missing operation) is an error. */
    public static PropertyProtections load(Path file, String format) throws IOException {
        boolean policies = switch (format.toLowerCase(Locale.ROOT)) {
            case "roles" -> false;
            case "policies" -> true;
            default -> throw new IllegalArgumentException("property protection rule format must be 'roles' or "
                    + "'policies', not '" + format + "'");
        };
        if (!Files.isRegularFile(file)) {
            throw new IOException("the property protection file " + file + " does not exist");
        }
        Map<String, Map<String, String>> sections = Ini.parse(Files.readAllLines(file));
        List<Rule> rules = new ArrayList<>();
        // Glance's own reserved namespace stays manageable whatever the file says
        rules.add(new Rule(Pattern.compile("os_glance.*"), allowAll()));
        for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(section.getKey());
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("malformed property protection rule [" + section.getKey()
                        + "]: " + e.getDescription());
            }
            Map<Operation, Set<String>> allowed = new LinkedHashMap<>();
            for (Operation op : Operation.values()) {
                String key = op.name().toLowerCase(Locale.ROOT);
                String value = section.getValue().get(key);
                if (value == null) {
                    throw new IllegalArgumentException("property protection rule [" + section.getKey()
                            + "] lacks '" + key + "'");
                }
                Set<String> who = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
                if (who.contains("@") && who.contains("!")) {
                    throw new IllegalArgumentException("property protection rule [" + section.getKey() + "] "
                            + key + ": '@' and '!' exclude each other");
                }
                allowed.put(op, policies ? fromPolicy(section.getKey(), key, who) : who);
            }
            rules.add(new Rule(pattern, allowed));
        }
        return new PropertyProtections(List.copyOf(rules));
    }

    private static Set<String> fromPolicy(String section, String op, Set<String> names) {
        if (names.size() > 1) {
            throw new IllegalArgumentException("property protection rule [" + section + "] " + op
                    + ": one policy per operation; combine policies in the policy rules");
        }
        if (names.isEmpty() || names.contains("@") || names.contains("!")) {
            return names;
        }
        return switch (names.iterator().next()) {
            case "context_is_admin" -> Set.of(CLOUD_ADMIN);
            case "default" -> Set.of("@");
            default -> throw new IllegalArgumentException("property protection rule [" + section + "] " + op
                    + " names an unknown policy '" + names.iterator().next() + "'");
        };
    }

    private static Map<Operation, Set<String>> allowAll() {
        Map<Operation, Set<String>> all = new LinkedHashMap<>();
        for (Operation op : Operation.values()) {
            all.put(op, Set.of("@"));
        }
        return all;
    }

    public boolean enabled() {
        return rules != null;
    }

    public boolean allows(Caller caller, String property, Operation op) {
        if (rules == null) {
            return true;
        }
        for (Rule rule : rules) {
            if (rule.pattern.matcher(property).find()) {
                Set<String> who = rule.allowed.get(op);
                if (who.contains("!")) {
                    return false;
                }
                return who.contains("@") || (who.contains(CLOUD_ADMIN) && caller.isAdmin())
                        || caller.roles().stream().anyMatch(who::contains);
            }
        }
        return false;
    }

    /** 403 unless allowed, in Glance's words. */
    public void require(Caller caller, String property, Operation op) {
        if (!allows(caller, property, op)) {
            throw ApiException.forbidden("Property '" + property + "' is protected");
        }
    }

    /** The subset of properties the caller may read. */
    public Map<String, String> readable(Caller caller, Map<String, String> properties) {
        if (rules == null) {
            return properties;
        }
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (allows(caller, k, Operation.READ)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A small INI reader: {@code [section]}, {@code key = value} (or {@code key: value}), # and ; comments. */
    static final class Ini {
        private Ini() {
        }

        static Map<String, Map<String, String>> parse(List<String> lines) {
            Map<String, Map<String, String>> sections = new LinkedHashMap<>();
            Map<String, String> current = null;
            int number = 0;
            for (String raw : lines) {
                number++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                            k -> new LinkedHashMap<>());
                    continue;
                }
                int sep = indexOfSeparator(line);
                if (current == null || sep < 0) {
                    throw new IllegalArgumentException("property protection file line " + number
                            + " is neither a [section] nor key = value: " + line);
                }
                current.put(line.substring(0, sep).strip().toLowerCase(Locale.ROOT), line.substring(sep + 1).strip());
            }
            return sections;
        }

        private static int indexOfSeparator(String line) {
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            if (eq < 0) {
                return colon;
            }
            return colon < 0 ? eq : Math.min(eq, colon);
        }
    }
}
