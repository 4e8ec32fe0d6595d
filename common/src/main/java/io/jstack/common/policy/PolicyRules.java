package io.jstack.common.policy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Prints a service's effective rules as a policy file would hold them (as oslo.policy's
 * {@code oslopolicy-policy-generator}), each with what it protects and whether the operator's file set it. Run
 * with the service's class path: {@code java -cp '<service>/quarkus-app/lib/main/*:<service>/quarkus-app/app/*'
 * io.jstack.common.policy.PolicyRules [policy-file]} (the launcher's {@code deploy/dev/policy.sh} does).
 */
public final class PolicyRules {

    private PolicyRules() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        Enforcer enforcer = file == null ? new Enforcer(Enforcer.registeredDefaults(), java.util.Map.of())
                : Enforcer.load(file);
        print(enforcer, System.out);
    }

    static void print(Enforcer enforcer, PrintStream out) {
        for (Enforcer.EffectiveRule rule : enforcer.rules()) {
            if (!rule.description().isEmpty()) {
                out.println("# " + rule.description());
            }
            if (rule.overridden()) {
                out.println(rule.registered() ? "# (set by the policy file)" : "# (added by the policy file)");
            }
            out.println(quote(rule.name()) + ": " + quote(rule.check()));
            out.println();
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
