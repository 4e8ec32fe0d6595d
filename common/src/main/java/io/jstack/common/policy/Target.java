package io.jstack.common.policy;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What a request acts on, as the flat dictionary oslo.policy checks match against: {@code project_id} of a
 * server, {@code target.role.name} of a role being granted, {@code visibility} of an image. A check string names
 * a value as {@code %(key)s}; a key the target lacks makes that check answer no.
 */
public final class Target {

    public static final Target EMPTY = new Target(Map.of());

    private final Map<String, Object> values;

    private Target(Map<String, Object> values) {
        this.values = values;
    }

    /** A target of alternating keys and values; a null value is kept (it renders as {@code None}). */
    public static Target of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Target(values);
    }

    /** This target with one more value. */
    public Target with(String key, Object value) {
        Map<String, Object> next = new HashMap<>(values);
        next.put(key, value);
        return new Target(next);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Whether a match is exactly one {@code %(key)s} whose value in this target is None. */
    boolean isNull(String match) {
        if (!match.startsWith("%(") || !match.endsWith(")s") || match.indexOf('%', 1) >= 0) {
            return false;
        }
        String key = match.substring(2, match.length() - 2);
        return values.containsKey(key) && values.get(key) == null;
    }

    /**
     * A match with every {@code %(key)s} replaced by the target's value (Python's {@code %} formatting, {@code %%}
     * a percent sign); null when a named key is missing or the match is malformed, so the check answers no.
     */
    String substitute(String match) {
        if (match.indexOf('%') < 0) {
            return match;
        }
        StringBuilder out = new StringBuilder(match.length());
        int i = 0;
        while (i < match.length()) {
            char c = match.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < match.length() && match.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            int close = match.indexOf(")s", i);
            if (i + 1 >= match.length() || match.charAt(i + 1) != '(' || close < 0) {
                return null;
            }
            String key = match.substring(i + 2, close);
            if (!values.containsKey(key)) {
                return null;
            }
            out.append(Literals.render(values.get(key)));
            i = close + 2;
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
