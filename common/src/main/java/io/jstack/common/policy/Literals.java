package io.jstack.common.policy;

/**
 * The literal kinds of a generic check ({@code 'member':%(target.role.name)s}, {@code True:%(enabled)s},
 * {@code None:%(target.role.domain_id)s}), rendered as oslo.policy's Python would print them, and how target and
 * credential values are rendered for comparison.
 */
final class Literals {

    private Literals() {
    }

    /** The literal a kind spells, as text; null when the kind names a credential instead. */
    static String of(String kind) {
        if (kind.length() >= 2 && (kind.charAt(0) == '\'' || kind.charAt(0) == '"')
                && kind.charAt(kind.length() - 1) == kind.charAt(0)) {
            return kind.substring(1, kind.length() - 1);
        }
        return switch (kind) {
            case "True", "False", "None" -> kind;
            default -> number(kind);
        };
    }

    private static String number(String kind) {
        if (kind.isEmpty()) {
            return null;
        }
        try {
            if (kind.matches("[+-]?\\d+")) {
                return new java.math.BigInteger(kind).toString();
            }
            if (kind.matches("[+-]?(\\d+\\.\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return Double.toString(Double.parseDouble(kind));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** A value as Python's {@code str()} shows it: {@code None}, {@code True}, {@code False}, else its text. */
    static String render(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }
}
