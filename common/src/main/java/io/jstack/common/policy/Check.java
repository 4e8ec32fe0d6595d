package io.jstack.common.policy;

import java.util.List;
import java.util.Locale;

/**
 * One node of a parsed check string, in oslo.policy's language: {@code @} (always), {@code !} (never),
 * {@code not}, {@code and}, {@code or}, {@code rule:name} (another rule), {@code role:name} (a role of the
 * caller) and {@code kind:match} (a value of the caller's, or a literal, against a match that may name target
 * values as {@code %(key)s}). {@link #toString()} gives the check back in the same language.
 */
public sealed interface Check {

    boolean test(Evaluation evaluation);

    /** {@code @} or {@code !}. */
    record Always(boolean result) implements Check {
        @Override
        public boolean test(Evaluation evaluation) {
            return result;
        }

        @Override
        public String toString() {
            return result ? "@" : "!";
        }
    }

    record Not(Check check) implements Check {
        @Override
        public boolean test(Evaluation evaluation) {
            return !check.test(evaluation);
        }

        @Override
        public String toString() {
            return "not " + nested(check);
        }
    }

    record And(List<Check> checks) implements Check {
        public And {
            checks = List.copyOf(checks);
        }

        @Override
        public boolean test(Evaluation evaluation) {
            for (Check check : checks) {
                if (!check.test(evaluation)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return String.join(" and ", checks.stream().map(Check::nested).toList());
        }
    }

    record Or(List<Check> checks) implements Check {
        public Or {
            checks = List.copyOf(checks);
        }

        @Override
        public boolean test(Evaluation evaluation) {
            for (Check check : checks) {
                if (check.test(evaluation)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return String.join(" or ", checks.stream().map(Check::nested).toList());
        }
    }

    /** {@code rule:name}: the named rule's answer; a rule that is not defined answers no. */
    record RuleRef(String name) implements Check {
        @Override
        public boolean test(Evaluation evaluation) {
            return evaluation.rule(name);
        }

        @Override
        public String toString() {
            return "rule:" + name;
        }
    }

    /** {@code role:name}: the caller holds the role (names compare without case). */
    record Role(String match) implements Check {
        @Override
        public boolean test(Evaluation evaluation) {
            String role = evaluation.target().substitute(match);
            return role != null && evaluation.credentials().roles().contains(role.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "role:" + match;
        }
    }

    /**
     * {@code kind:match}: the caller's value named by {@code kind} (a dotted path into the credentials) equals the
     * match; or, when {@code kind} is a literal ({@code 'text'}, {@code True}, {@code False}, {@code None}, a
     * number), that literal equals the match. Values compare as oslo.policy's Python renders them ({@code True},
     * {@code None}). A match naming a target value the target lacks answers no, and so does one naming a target
     * value that is None when compared with the caller's (where oslo.policy would let None equal None).
     */
    record Generic(String kind, String match) implements Check {
        @Override
        public boolean test(Evaluation evaluation) {
            String expected = evaluation.target().substitute(match);
            if (expected == null) {
                return false;
            }
            String literal = Literals.of(kind);
            if (literal != null) {
                return literal.equals(expected);
            }
            if (evaluation.target().isNull(match)) {
                // a target value that is None never equals the caller's: project_id:%(project_id)s must not pass
                // for a caller without a project on a thing without an owner (None:%(x)s asks for None)
                return false;
            }
            return evaluation.credentials().matches(kind, expected, evaluation);
        }

        @Override
        public String toString() {
            return kind + ":" + match;
        }
    }

    /** An operand printed inside a larger expression: compound ones in parentheses. */
    private static String nested(Check check) {
        return check instanceof And || check instanceof Or ? "(" + check + ")" : check.toString();
    }
}
