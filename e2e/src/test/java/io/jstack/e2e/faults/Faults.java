package io.jstack.e2e.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Faults injected and facts read through {@code deploy/dev/faults.sh} (which knows how the launcher runs things). */
final class Faults {

    private static final Path SCRIPT = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("deploy/dev/faults.sh");

    private Faults() {
    }

    /** Runs {@code faults.sh inject <args>} to its end. */
    static void inject(String... args) {
        run("inject", args);
    }

    /** {@code faults.sh check <what>} as key=value pairs. */
    static Map<String, String> check(String what) {
        Map<String, String> facts = new HashMap<>();
        for (String line : run("check", what).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return facts;
    }

    static int number(Map<String, String> facts, String key) {
        return Integer.parseInt(facts.getOrDefault(key, "-1"));
    }

    private static String run(String mode, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = SCRIPT.toString();
        command[1] = mode;
        System.arraycopy(args, 0, command, 2, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("faults.sh " + String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("faults.sh " + mode + " " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run faults.sh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
