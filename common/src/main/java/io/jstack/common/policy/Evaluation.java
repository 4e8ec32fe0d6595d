package io.jstack.common.policy;

import java.util.HashSet;
import java.util.Set;

/**
 * One question to the policy: who asks ({@link Credentials}), about what ({@link Target}), against which rules.
 * Rules that name each other are followed; a rule met again while it is being evaluated (a cycle an override file
 * made) answers no, as an undefined rule does.
 */
public final class Evaluation {

    private final Credentials credentials;
    private final Target target;
    private final Rules rules;
    private final Set<String> inProgress = new HashSet<>();
    private Boolean admin;

    /** The rules an evaluation resolves {@code rule:name} against. */
    public interface Rules {
        /** The parsed rule, or null when no rule has that name. */
        Check find(String name);
    }

    Evaluation(Credentials credentials, Target target, Rules rules) {
        this.credentials = credentials;
        this.target = target;
        this.rules = rules;
    }

    public Credentials credentials() {
        return credentials;
    }

    public Target target() {
        return target;
    }

    boolean rule(String name) {
        Check check = rules.find(name);
        if (check == null || !inProgress.add(name)) {
            return false;
        }
        try {
            return check.test(this);
        } finally {
            inProgress.remove(name);
        }
    }

    /**
     * oslo.context's {@code is_admin}: what {@code context_is_admin} answers for this caller (with an empty
     * target), so that {@code is_admin:True} in an operator's rule means the cloud admin.
     */
    boolean isAdmin() {
        if (admin == null) {
            admin = new Evaluation(credentials, Target.EMPTY, rules).rule(BaseRules.CONTEXT_IS_ADMIN);
        }
        return admin;
    }
}
