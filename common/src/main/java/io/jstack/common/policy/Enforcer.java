package io.jstack.common.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The effective rules of one service: the defaults in code, each replaced by the operator's policy file where
 * the file names it, plus any rule the file adds for others to name ({@code rule:x}). It answers whether a
 * caller may do an action to a target. Asking about a rule no default registers is a programming error, as in
 * oslo.policy ({@code PolicyNotRegistered}); a rule that names itself through others is refused at load.
 */
public final class Enforcer implements Evaluation.Rules {

    /**
     * A rule as in force.
     *
     * @param overridden whether the operator's file set it
     * @param registered whether code enforces it (an operator may add helper rules that only other rules name)
     */
    public record EffectiveRule(String name, String check, String description, boolean overridden,
                                boolean registered) {
    }

    private final Map<String, Check> checks = new HashMap<>();
    private final Map<String, EffectiveRule> effective = new TreeMap<>();

    public Enforcer(Collection<RuleDefault> defaults, Map<String, String> overrides) {
        Map<String, RuleDefault> registered = new LinkedHashMap<>();
        for (RuleDefault rule : defaults) {
            if (registered.putIfAbsent(rule.name(), rule) != null) {
                throw new IllegalStateException("the policy rule " + rule.name() + " is registered twice");
            }
        }
        for (RuleDefault rule : registered.values()) {
            String check = overrides.getOrDefault(rule.name(), rule.check());
            add(rule.name(), check, rule.description(), overrides.containsKey(rule.name()), true);
        }
        overrides.forEach((name, check) -> {
            if (!registered.containsKey(name)) {
                add(name, check, "", true, false);
            }
        });
        Set<String> finished = new HashSet<>();
        for (String name : checks.keySet()) {
            refuseCycle(name, new ArrayList<>(), finished);
        }
    }

    /** The rules registered on the class path ({@link PolicyDefaults} providers) with a file's overrides. */
    public static Enforcer load(Path file) throws IOException {
        return new Enforcer(registeredDefaults(), PolicyFile.read(file));
    }

    public static List<RuleDefault> registeredDefaults() {
        List<RuleDefault> all = new ArrayList<>();
        for (PolicyDefaults provider : ServiceLoader.load(PolicyDefaults.class, Enforcer.class.getClassLoader())) {
            all.addAll(provider.rules());
        }
        return all;
    }

    private void add(String name, String check, String description, boolean overridden, boolean registered) {
        Check parsed;
        try {
            parsed = CheckParser.parse(check);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("policy rule " + name + ": " + e.getMessage(), e);
        }
        checks.put(name, parsed);
        effective.put(name, new EffectiveRule(name, check, description, overridden, registered));
    }

    /** Depth first from one rule: meeting a rule on the current path again is a cycle. */
    private void refuseCycle(String name, List<String> path, Set<String> finished) {
        if (path.contains(name)) {
            path.add(name);
            throw new IllegalStateException("policy rules name each other in a cycle: " + String.join(" -> ", path));
        }
        Check check = checks.get(name);
        if (check == null || finished.contains(name)) {
            return;
        }
        path.add(name);
        for (String next : references(check)) {
            refuseCycle(next, path, finished);
        }
        path.removeLast();
        finished.add(name);
    }

    private static List<String> references(Check check) {
        return switch (check) {
            case Check.RuleRef ref -> List.of(ref.name());
            case Check.Not not -> references(not.check());
            case Check.And and -> and.checks().stream().flatMap(c -> references(c).stream()).toList();
            case Check.Or or -> or.checks().stream().flatMap(c -> references(c).stream()).toList();
            default -> List.of();
        };
    }

    @Override
    public Check find(String name) {
        return checks.get(name);
    }

    /** Whether the caller may do what the rule protects to the target. */
    public boolean enforce(String rule, Credentials credentials, Target target) {
        EffectiveRule known = effective.get(rule);
        if (known == null || !known.registered()) {
            throw new IllegalStateException("policy rule " + rule + " is not registered");
        }
        return new Evaluation(credentials, target == null ? Target.EMPTY : target, this).rule(rule);
    }

    public boolean isRegistered(String rule) {
        EffectiveRule known = effective.get(rule);
        return known != null && known.registered();
    }

    /** Every rule in force, by name. */
    public List<EffectiveRule> rules() {
        return List.copyOf(effective.values());
    }

    /** Rules the file added that code does not enforce (helpers, or misspelt names an operator should see). */
    public List<String> unregisteredOverrides() {
        return effective.values().stream().filter(r -> !r.registered()).map(EffectiveRule::name).toList();
    }

    public long overriddenCount() {
        return effective.values().stream().filter(EffectiveRule::overridden).count();
    }
}
