package io.jstack.common.policy;

import java.util.List;

/**
 * A set of rules with their defaults in code. Each service registers its own (and {@link BaseRules} is
 * shared) as a {@link java.util.ServiceLoader} provider in {@code META-INF/services}, so the service's enforcer
 * and the rule lister ({@link PolicyRules}) find the same rules.
 */
public interface PolicyDefaults {

    List<RuleDefault> rules();
}
