package io.jstack.scheduler.filters;

import java.util.Arrays;
import java.util.List;

/**
 * Nova's extra-spec requirement syntax, matched against a host's value. A requirement starting with an operator
 * compares with it; anything else must equal the value exactly.
 * <ul>
 *   <li>{@code = N}: numerically at least N (a minimum, as for {@code capabilities:vcpus_total});</li>
 *   <li>{@code == N}, {@code != N}, {@code >= N}, {@code <= N}: numeric comparisons;</li>
 *   <li>{@code s== v}, {@code s!= v}, {@code s< v}, {@code s<= v}, {@code s> v}, {@code s>= v}: string comparisons;</li>
 *   <li>{@code <in> v}: the value contains v; {@code <all-in> a b}: contains every one;</li>
 *   <li>{@code <or> a <or> b}: equals one of them.</li>
 * </ul>
 * A value that is not a number never satisfies a numeric operator.
 */
public final class ExtraSpecOps {

    private ExtraSpecOps() {
    }

    public static boolean matches(String value, String requirement) {
        return Requirement.parse(requirement).matches(value);
    }

    /** A requirement parsed once, to be matched against many hosts' values. */
    public record Requirement(String text, String op, List<String> operands, double number) {

        public static Requirement parse(String requirement) {
            if (requirement == null) {
                return new Requirement(null, null, List.of(), Double.NaN);
            }
            List<String> words = Arrays.asList(requirement.trim().split("\\s+"));
            String op = words.isEmpty() ? "" : words.getFirst();
            if (!isOperator(op)) {
                return new Requirement(requirement, null, List.of(), Double.NaN);
            }
            List<String> operands = List.copyOf(words.subList(1, words.size()));
            double number = Double.NaN;
            if (!operands.isEmpty()) {
                try {
                    number = Double.parseDouble(operands.getFirst());
                } catch (NumberFormatException e) {
                    // a numeric operator with a non-numeric operand never matches
                }
            }
            return new Requirement(requirement, op, operands, number);
        }

        public boolean matches(String value) {
            if (op == null) {
                return text == null ? value == null : text.equals(value);
            }
            if (value == null) {
                return false;
            }
            if (op.equals("<or>")) {
                // operands alternate: v1 <or> v2 <or> v3
                for (int i = 0; i < operands.size(); i += 2) {
                    if (operands.get(i).equals(value)) {
                        return true;
                    }
                }
                return false;
            }
            if (operands.isEmpty()) {
                return false;
            }
            String operand = operands.getFirst();
            return switch (op) {
                case "<in>" -> value.contains(operand);
                case "<all-in>" -> operands.stream().allMatch(value::contains);
                case "s==" -> value.equals(operand);
                case "s!=" -> !value.equals(operand);
                case "s<" -> value.compareTo(operand) < 0;
                case "s<=" -> value.compareTo(operand) <= 0;
                case "s>" -> value.compareTo(operand) > 0;
                case "s>=" -> value.compareTo(operand) >= 0;
                default -> numeric(value);
            };
        }

        private boolean numeric(String value) {
            if (Double.isNaN(number)) {
                return false;
            }
            double x;
            try {
                x = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                return false;
            }
            return switch (op) {
                case "=", ">=" -> x >= number;
                case "==" -> x == number;
                case "!=" -> x != number;
                case "<=" -> x <= number;
                default -> false;
            };
        }
    }

    private static boolean isOperator(String word) {
        return switch (word) {
            case "=", "==", "!=", ">=", "<=", "<in>", "<all-in>", "<or>", "s==", "s!=", "s<", "s<=", "s>", "s>=" ->
                    true;
            default -> false;
        };
    }
}
