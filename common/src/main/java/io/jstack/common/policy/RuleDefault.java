package io.jstack.common.policy;

/**
 * A rule with its default in code: its name (as upstream names it: {@code os_compute_api:servers:create},
 * {@code get_image}, {@code identity:create_grant}), its check string and what it protects.
 */
public record RuleDefault(String name, String check, String description) {

    public RuleDefault {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a rule needs a name");
        }
        CheckParser.parse(check); // a malformed default is a programming error, found at start and in tests
    }
}
