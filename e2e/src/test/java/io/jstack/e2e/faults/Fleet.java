package io.jstack.e2e.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers one scenario made (named by its prefix) and what was asked of each: kept, or deleted. Settling
 * polls one listing per second until every kept server is ACTIVE or ERROR and every deleted one is gone.
 */
final class Fleet {

    private final Api api;
    final String prefix;
    /** id -> kept (false: a delete was accepted). */
    private final Map<String, Boolean> servers = new ConcurrentHashMap<>();

    Fleet(Api api, String prefix) {
        this.api = api;
        this.prefix = prefix;
    }

    String name(int n) {
        return prefix + "-" + n;
    }

    void created(Api.Answer answer) {
        if (answer.status() == 202) {
            servers.put(answer.body().path("server").path("id").asText(), true);
        }
    }

    void deleteAsked(String id) {
        servers.put(id, false);
    }

    List<String> kept() {
        return servers.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
    }

    int size() {
        return servers.size();
    }

    /** The scenario's servers as the API lists them now: id -> server. */
    Map<String, JsonNode> listing() {
        Api.Answer a = api.call("GET", api.compute + "/servers/detail?all_tenants=1&limit=1000&name=%5E" + prefix
                + "-", null);
        if (a.status() != 200) {
            return null;
        }
        Map<String, JsonNode> found = new HashMap<>();
        for (JsonNode s : a.body().path("servers")) {
            found.put(s.path("id").asText(), s);
        }
        return found;
    }

    /** Where the fleet ended: servers ACTIVE, ERROR (with and without a fault), stuck, deleted as asked. */
    record Outcome(int active, int error, int errorWithoutFault, int stuck, int deleted, int deleteAsked,
                   List<String> stuckSeen, List<String> faults, double seconds) {
        String line() {
            return "servers ACTIVE " + active + ", ERROR " + error + ", stuck " + stuck + ", deleted " + deleted
                    + " of " + deleteAsked + " asked";
        }
    }

    /** Polls until every server reached what was asked of it (or the bound passed). */
    Outcome settle(Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        Outcome last = null;
        while (true) {
            Map<String, JsonNode> listed = listing();
            if (listed != null) {
                last = outcome(listed, (System.nanoTime() - start) / 1e9);
                if (last.stuck() == 0) {
                    return last;
                }
            }
            if (System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(1000);
        }
    }

    private Outcome outcome(Map<String, JsonNode> listed, double seconds) {
        int active = 0;
        int error = 0;
        int noFault = 0;
        int deleted = 0;
        int asked = 0;
        List<String> stuck = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : servers.entrySet()) {
            JsonNode s = listed.get(e.getKey());
            if (!e.getValue()) {
                asked++;
                if (s == null) {
                    deleted++;
                } else {
                    stuck.add(describe(e.getKey(), s) + " (delete asked)");
                }
                continue;
            }
            String status = s == null ? "GONE" : s.path("status").asText();
            switch (status) {
                case "ACTIVE" -> active++;
                case "ERROR" -> {
                    error++;
                    String fault = s.path("fault").path("message").asText("");
                    if (fault.isEmpty()) {
                        noFault++;
                    } else {
                        faults.add(fault);
                    }
                }
                default -> stuck.add(s == null ? e.getKey() + " GONE (not deleted)" : describe(e.getKey(), s));
            }
        }
        return new Outcome(active, error, noFault, stuck.size(), deleted, asked, stuck, faults, seconds);
    }

    private static String describe(String id, JsonNode s) {
        return id + " " + s.path("status").asText() + "/" + s.path("OS-EXT-STS:task_state").asText("-") + " on "
                + s.path("OS-EXT-SRV-ATTR:host").asText("-");
    }

    /** Deletes every server still there and waits until they are gone. */
    Outcome clear(Duration bound) throws InterruptedException {
        Map<String, JsonNode> listed = listing();
        for (String id : List.copyOf(servers.keySet())) {
            if (listed == null || listed.containsKey(id)) {
                Api.Answer a = api.deleteServer(id);
                if (a.status() == 204 || a.status() == 404) {
                    deleteAsked(id);
                }
            } else {
                deleteAsked(id);
            }
        }
        return settle(bound);
    }
}
