package io.jstack.common.testing.fuzz;

import java.util.function.Supplier;

/**
 * Who a fuzz request comes from: a name for the reports and a token supplier (called per request, so a service
 * test can hand out fresh tokens; null for an anonymous caller).
 */
public record Caller(String name, Supplier<String> token) {

    public static Caller anonymous() {
        return new Caller("anonymous", () -> null);
    }

    public static Caller of(String name, String token) {
        return new Caller(name, () -> token);
    }
}
