package io.jstack.e2e.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The answers one scenario got, by status (0: no answer at all). */
final class Tally {

    private final Map<Integer, AtomicInteger> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    Api.Answer add(Api.Answer a) {
        total.incrementAndGet();
        byStatus.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
        return a;
    }

    int total() {
        return total.get();
    }

    int count(int status) {
        AtomicInteger n = byStatus.get(status);
        return n == null ? 0 : n.get();
    }

    /** 5xx answers and requests that got none. */
    int serverErrors() {
        return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() == 0)
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Server errors other than 503 (a dependency outage is a 503; anything else is a bug). */
    int unexpectedServerErrors() {
        return serverErrors() - count(503);
    }

    String line() {
        Map<Integer, Integer> sorted = new TreeMap<>();
        byStatus.forEach((k, v) -> sorted.put(k, v.get()));
        return "requests " + total() + ", 5xx " + serverErrors() + " (503: " + count(503) + ", other: "
                + unexpectedServerErrors() + ") " + sorted;
    }
}
