package io.jstack.common.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fuzzes every route of a service with bad input and checks that nothing answers a server error and that every
 * error answer has the service's fault shape. For each route (from {@link RouteTable}) and each HTTP method,
 * including those the route does not allow, it sends: the route as each caller (anonymous, reader, member,
 * admin); path parameters replaced by wrong types, NUL bytes, huge values, unicode and bad percent-encoding;
 * query parameters likewise; malformed headers (content types, Accept, microversions, tokens, ranges); and bodies
 * that are missing, empty, broken, bad UTF-8, huge, deeply nested, or valid but for one field of a wrong type.
 * Path parameters are real where the service lists them ({@link Harvest}), so requests get past "not found".
 *
 * <p>Deterministic: every choice comes from a {@link Random} seeded from {@link Builder#seed} and the route, so a
 * run sends the same requests in the same order; the number per route is bounded.
 */
public final class Fuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "FUZZ");
    private static final String HOLE = "@@fuzz-value@@";
    private static final int MAX_REPORTED = 40;

    private final Builder config;
    private final RawHttp http;
    private final Harvest harvest;
    private final List<String[]> headerCatalogue;
    private final List<BadInputs.Body> bodyCatalogue;
    private int requests;
    private int serverErrors;
    private int shapeErrors;
    private int noAnswer;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, String> shapeFailures = new LinkedHashMap<>();

    private Fuzzer(Builder config) {
        this.config = config;
        this.http = new RawHttp(config.host, config.port, 60_000);
        // lists are read as the admin first, then as the member and the reader (who see their own things); with
        // no microversion, then the newest (which shows the most: tags, for one; older ones show proxies)
        List<List<String[]>> lookups = new ArrayList<>();
        for (Caller c : List.of(config.callers.admin(), config.callers.member(), config.callers.reader())) {
            List<String[]> headers = new ArrayList<>();
            String token = c.token().get();
            if (token != null) {
                headers.add(new String[]{"X-Auth-Token", token});
            }
            headers.add(new String[]{"Accept", "application/json"});
            lookups.add(headers);
            if (config.versionHeader != null && !config.versions.isEmpty()) {
                List<String[]> versioned = new ArrayList<>(headers);
                versioned.add(new String[]{config.versionHeader, config.versions.getLast()});
                lookups.add(versioned);
            }
        }
        this.harvest = new Harvest(http, lookups, config.routes, config.hints, config.seed);
        this.headerCatalogue = BadInputs.headers(config.versionHeader == null ? List.of()
                : List.of(config.versionHeader));
        this.bodyCatalogue = BadInputs.bodies(config.hugeBody);
    }

    public static Builder service(String name) {
        return new Builder(name);
    }

    /** What a run found. */
    public record Report(String service, int routes, int requests, int serverErrors, int shapeErrors, int noAnswer,
                         Map<Integer, Integer> statuses, int realParameters, List<String> inventedParameters,
                         Collection<String> failures) {

        /** The line CI prints. */
        public String summary() {
            return "fuzz " + service + ": " + requests + " requests, " + serverErrors + " server errors";
        }

        public String details() {
            StringBuilder out = new StringBuilder(summary()).append("\n  (").append(routes).append(" routes; ")
                    .append(shapeErrors).append(" answers not in the fault shape; ").append(noAnswer)
                    .append(" without an answer; statuses ").append(statuses).append("; path parameters: ")
                    .append(realParameters).append(" real, ").append(inventedParameters.size())
                    .append(" invented ").append(inventedParameters).append(')');
            for (String f : failures) {
                out.append("\n  ").append(f);
            }
            return out.toString();
        }

        public boolean clean() {
            return serverErrors == 0 && shapeErrors == 0 && noAnswer == 0;
        }
    }

    /**
     * A request to send; {@code headers} come after the caller's token. A {@code transport} probe breaks HTTP
     * itself (control bytes in the request head): the HTTP server refuses it before the service sees it, so only
     * its status is judged, not its body.
     */
    private record Probe(Caller caller, String method, String target, List<String[]> headers, BadInputs.Body body,
                         String why, boolean transport) {
        Probe(Caller caller, String method, String target, List<String[]> headers, BadInputs.Body body, String why) {
            this(caller, method, target, headers, body, why, false);
        }
    }

    private Report run() {
        try {
            List<Route> routes = config.routes;
            // the real values are learned before anything is changed; deletes go last
            Map<String, String> resolved = new HashMap<>();
            for (Route r : routes) {
                resolved.put(r.template(), harvest.resolve(r));
            }
            for (Route r : routes) {
                if (r.method().equals("GET")) {
                    harvest.get(resolved.get(r.template()));
                }
            }
            Map<String, List<Route>> byTemplate = new TreeMap<>();
            for (Route r : routes) {
                byTemplate.computeIfAbsent(r.template(), t -> new ArrayList<>()).add(r);
            }
            List<Route> ordered = new ArrayList<>(routes);
            ordered.sort(Comparator.comparing((Route r) -> r.method().equals("DELETE"))
                    .thenComparing(Route::template).thenComparing(Route::method));
            for (Route r : ordered) {
                Random random = new Random(config.seed * 31 + r.toString().hashCode());
                for (Probe p : plan(r, resolved.get(r.template()), random)) {
                    send(r.toString(), p, r.isHealth());
                }
            }
            for (var e : byTemplate.entrySet()) {
                Random random = new Random(config.seed * 37 + e.getKey().hashCode());
                Set<String> allowed = new TreeSet<>();
                e.getValue().forEach(r -> allowed.add(r.method()));
                boolean health = e.getValue().getFirst().isHealth();
                for (Probe p : others(e.getKey(), resolved.get(e.getKey()), allowed, random)) {
                    send(p.method() + " " + e.getKey(), p, health);
                }
            }
            List<String> all = new ArrayList<>(failures.values());
            all.addAll(shapeFailures.values());
            return new Report(config.service, routes.size(), requests, serverErrors, shapeErrors, noAnswer, statuses,
                    harvest.learned().size(), List.copyOf(harvest.invented()), all);
        } finally {
            http.close();
        }
    }

    // ---- plans ------------------------------------------------------------------------------------------------

    private List<Probe> plan(Route r, String path, Random random) {
        List<Probe> out = new ArrayList<>();
        String type = contentType(r);
        List<BadInputs.Body> templates = r.hasBody() ? bodyTemplates(r, path, type) : List.of();
        BadInputs.Body base = templates.isEmpty() ? (r.hasBody() ? BadInputs.json("empty-object", "{}") : null)
                : templates.getFirst();
        for (Caller c : config.callers.all()) {
            out.add(probe(c, r.method(), path, List.of(), base, "as " + c.name(), random));
        }
        // path parameters
        for (Route.Part param : r.params()) {
            for (BadInputs.Value v : sample(BadInputs.PATH, config.pathValues, random)) {
                out.add(probe(caller(random), r.method(), harvest.resolve(r.parts(), param, v.raw()), List.of(), base,
                        "path {" + param.param() + "}=" + v.label(), random));
            }
            out.add(probe(caller(random), r.method(), harvest.resolve(r.parts(), param, ""), List.of(), base,
                    "path {" + param.param() + "} empty", random));
        }
        // query parameters: the route's own, the fields its GET shows (filters are named after them), the
        // usual ones; a GET route is tried with every bad value, other routes with a sample
        List<String> names = new ArrayList<>(r.queryParams());
        if (r.method().equals("GET")) {
            for (String field : Harvest.fieldNames(harvest.get(path))) {
                if (!names.contains(field)) {
                    names.add(field);
                }
            }
        }
        for (String n : BadInputs.QUERY_NAMES) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        List<BadInputs.Value> values = r.method().equals("GET") ? BadInputs.QUERY
                : sample(BadInputs.QUERY, config.queryValues, random);
        for (int i = 0; i < values.size(); i++) {
            String name = i < r.queryParams().size() ? names.get(i) : names.get(random.nextInt(names.size()));
            BadInputs.Value v = values.get(i);
            out.add(probe(caller(random), r.method(), path + "?" + encodeName(name) + "=" + v.raw(), List.of(), base,
                    "query " + name + "=" + v.label(), random));
        }
        out.add(probe(caller(random), r.method(), path + "?limit=1&limit=%00&marker=&sort_key=%zz&sort_dir=sideways",
                List.of(), base, "query mix", random));
        out.add(probe(caller(random), r.method(), path + "?%&&=&a", List.of(), base, "query broken", random));
        // headers
        for (String[] h : sample(headerCatalogue, config.headerValues, random)) {
            out.add(probe(caller(random), r.method(), path, java.util.Collections.singletonList(h), base,
                    "header " + h[0] + ": " + abbreviate(h[1]), random));
        }
        for (String name : r.headerParams()) {
            for (String v : sample(BadInputs.DECLARED_HEADER_VALUES, 4, random)) {
                out.add(probe(caller(random), r.method(), path, List.<String[]>of(new String[]{name, v}), base,
                        "header " + name + ": " + abbreviate(v), random));
            }
        }
        for (String[] h : sample(BadInputs.RAW_HEADERS, 2, random)) {
            out.add(new Probe(caller(random), r.method(), path, java.util.Collections.singletonList(h), base,
                    "raw header " + h[0], true));
        }
        for (BadInputs.Value t : sample(BadInputs.TOKENS, 2, random)) {
            out.add(probe(null, r.method(), path, List.<String[]>of(new String[]{"X-Auth-Token", t.raw()}), base,
                    "token " + t.label(), random));
        }
        // bodies
        for (BadInputs.Body b : sample(bodyCatalogue, r.hasBody() ? config.bodies : 2, random)) {
            out.add(probe(caller(random), r.method(), path, List.of(), b, "body " + b.label(), random));
        }
        if (r.hasBody()) {
            out.add(probe(caller(random), r.method(), path, List.of(), null, "body missing", random));
            if (!type.equals("application/json")) {
                out.add(probe(caller(random), r.method(), path, List.of(), new BadInputs.Body("wrong-type",
                        "application/json", base.bytes()), "body as application/json", random));
            }
            out.addAll(fieldProbes(r, path, templates, random));
        }
        return out;
    }

    /** Methods a template does not serve, and paths below it that do not exist. */
    private List<Probe> others(String template, String path, Set<String> allowed, Random random) {
        List<Probe> out = new ArrayList<>();
        for (String m : METHODS) {
            if (allowed.contains(m) || (m.equals("HEAD") && allowed.contains("GET"))) {
                continue;
            }
            out.add(probe(config.callers.admin(), m, path, List.of(), null, "method not served", random));
            out.add(probe(config.callers.member(), m, path, List.of(), BadInputs.json("object", "{}"),
                    "method not served, with a body", random));
            out.add(probe(config.callers.anonymous(), m, path, List.of(), null, "method not served, anonymous",
                    random));
        }
        out.add(probe(config.callers.admin(), "GET", path + "/fuzz-no-such-thing", List.of(), null, "no such path",
                random));
        out.add(probe(config.callers.admin(), "POST", path + "/%00/x", List.of(), BadInputs.json("object", "{}"),
                "no such path, NUL", random));
        return out;
    }

    private List<Probe> fieldProbes(Route r, String path, List<BadInputs.Body> templates, Random random) {
        List<Probe> out = new ArrayList<>();
        for (BadInputs.Body t : templates) {
            JsonNode root;
            try {
                root = JSON.readTree(t.bytes());
            } catch (IOException e) {
                continue;
            }
            if (root == null || !root.isContainerNode()) {
                continue;
            }
            List<List<Object>> leaves = new ArrayList<>();
            leaves(root, new ArrayList<>(), leaves, 0);
            for (List<Object> leaf : sample(leaves, config.fields, random)) {
                for (BadInputs.Value v : sample(BadInputs.FIELD, config.fieldValues, random)) {
                    out.add(probe(caller(random, 0.85), r.method(), path, List.of(), new BadInputs.Body(t.label()
                            + ":" + pointer(leaf) + "=" + v.label(), t.contentType(), replace(root, leaf, v.raw())),
                            "field " + pointer(leaf) + "=" + v.label(), random));
                }
                if (random.nextInt(3) == 0) {
                    out.add(probe(caller(random, 0.85), r.method(), path, List.of(), new BadInputs.Body(t.label()
                            + ":" + pointer(leaf) + " removed", t.contentType(), replace(root, leaf, null)),
                            "field " + pointer(leaf) + " removed", random));
                }
            }
            if (root.isObject()) {
                ObjectNode extra = root.deepCopy();
                extra.put("fuzz_unknown\u0000", "x");
                out.add(probe(caller(random, 0.85), r.method(), path, List.of(), new BadInputs.Body("unknown",
                        t.contentType(), bytes(extra)), "field unknown", random));
            }
        }
        return out;
    }

    /** The bodies a route is fuzzed from: the test's examples, else the representation a GET of it shows. */
    private List<BadInputs.Body> bodyTemplates(Route r, String path, String type) {
        List<BadInputs.Body> out = new ArrayList<>();
        for (Example e : config.examples.getOrDefault(r.toString(), List.of())) {
            out.add(new BadInputs.Body("example", e.contentType() == null ? type : e.contentType(),
                    e.json().getBytes(StandardCharsets.UTF_8)));
        }
        if (out.isEmpty()) {
            JsonNode shown = null;
            if (harvest.hasGet(r.template())) {
                shown = harvest.get(path);
            }
            if ((shown == null || !shown.isObject()) && r.method().equals("POST")) {
                for (Route g : config.routes) {
                    if (g.method().equals("GET") && g.template().startsWith(r.template() + "/{")
                            && g.parts().size() == r.parts().size() + 1) {
                        shown = harvest.get(harvest.resolve(g));
                        break;
                    }
                }
            }
            if (shown != null && shown.isObject() && shown.size() > 0) {
                ObjectNode trimmed = shown.deepCopy();
                trimmed.remove(List.of("links", "self", "schema", "first", "next"));
                out.add(new BadInputs.Body("shown", type, bytes(trimmed)));
            }
        }
        return out;
    }

    private static String contentType(Route r) {
        for (String c : r.consumes()) {
            if (c.contains("json")) {
                return c;
            }
        }
        return r.consumes().isEmpty() || r.consumes().getFirst().equals("*/*") ? "application/json"
                : r.consumes().getFirst();
    }

    private Probe probe(Caller caller, String method, String target, List<String[]> headers, BadInputs.Body body,
                        String why, Random random) {
        List<String[]> all = new ArrayList<>(headers);
        boolean versioned = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase(config.versionHeader)
                || h[0].equalsIgnoreCase("X-OpenStack-Nova-API-Version"));
        if (config.versionHeader != null && !versioned && !config.versions.isEmpty() && random.nextBoolean()) {
            all.add(new String[]{config.versionHeader, config.versions.get(random.nextInt(config.versions.size()))});
        }
        return new Probe(caller, method, target, all, body, why, false);
    }

    private Caller caller(Random random) {
        return caller(random, 0.6);
    }

    /** A caller for a probe: mostly the admin, whose requests get furthest. */
    private Caller caller(Random random, double admin) {
        double d = random.nextDouble();
        if (d < admin) {
            return config.callers.admin();
        }
        d = (d - admin) / (1 - admin);
        return d < 0.6 ? config.callers.member() : d < 0.85 ? config.callers.reader() : config.callers.anonymous();
    }

    // ---- sending and checking ---------------------------------------------------------------------------------

    /** Sends a probe and judges the answer; a health route may answer 503 (the service is not ready). */
    private void send(String route, Probe p, boolean health) {
        List<String[]> headers = new ArrayList<>();
        boolean hasToken = p.headers().stream().anyMatch(h -> h[0].equalsIgnoreCase("X-Auth-Token"));
        String token = p.caller() == null ? null : p.caller().token().get();
        if (token != null && !hasToken) {
            headers.add(new String[]{"X-Auth-Token", token});
        }
        boolean hasAccept = p.headers().stream().anyMatch(h -> h[0].equalsIgnoreCase("Accept"));
        if (!hasAccept) {
            headers.add(new String[]{"Accept", "application/json"});
        }
        boolean hasType = p.headers().stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Type"));
        if (p.body() != null && p.body().contentType() != null && !hasType) {
            headers.add(new String[]{"Content-Type", p.body().contentType()});
        }
        headers.addAll(p.headers());
        byte[] body = p.body() == null ? (p.method().equals("POST") || p.method().equals("PUT")
                || p.method().equals("PATCH") ? new byte[0] : null) : p.body().bytes();
        requests++;
        RawHttp.Response response;
        try {
            response = http.send(p.method(), p.target(), headers, body);
        } catch (IOException e) {
            noAnswer++;
            record(failures, route, p, headers, 0, "no answer: " + e.getMessage(), null);
            return;
        }
        statuses.merge(response.status(), 1, Integer::sum);
        int status = response.status();
        if (status >= 500 && status != 501 && status != 503) {
            serverErrors++;
            record(failures, route, p, headers, status, "server error", response);
        } else if (status == 503 && health && response.text().contains("\"status\"")) {
            return;
        } else if (status == 503) {
            // an outage the fuzz did not cause is still worth a look, but only a 500 is a server error
            record(failures, route, p, headers, status, "unavailable", response);
            serverErrors++;
        }
        if (status >= 400 && !p.method().equals("HEAD") && !p.transport()) {
            String violation = config.faults.violation(status, response.header("content-type"), response.body());
            if (violation != null) {
                shapeErrors++;
                // one example per kind of input, whatever the route: the shape is the service's, not the route's
                record(shapeFailures, "", p, headers, status, "fault shape: " + violation, response);
            }
        }
    }

    private static void record(Map<String, String> failures, String route, Probe p, List<String[]> headers,
                               int status, String what, RawHttp.Response response) {
        String key = route + " | " + p.why().replaceAll("\\{[^}]*}", "{}") + " | " + status + " | " + what;
        if (failures.size() >= MAX_REPORTED || failures.containsKey(key)) {
            return;
        }
        StringBuilder s = new StringBuilder();
        s.append(status).append(' ').append(what).append(": ").append(route.isEmpty() ? p.method() : route).append(" [")
                .append(p.caller() == null ? "-" : p.caller().name()).append("] ").append(p.why())
                .append("\n      request: ").append(p.method()).append(' ').append(abbreviate(p.target()));
        for (String[] h : headers) {
            if (!h[0].equalsIgnoreCase("X-Auth-Token") || p.caller() == null) {
                s.append("\n        ").append(h[0]).append(": ").append(abbreviate(h[1]));
            }
        }
        if (p.body() != null) {
            s.append("\n        body: ").append(abbreviate(new String(p.body().bytes(), StandardCharsets.UTF_8)));
        }
        if (response != null) {
            s.append("\n      answer: ").append(abbreviate(response.text()));
        }
        failures.put(key, s.toString());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static void leaves(JsonNode node, List<Object> path, List<List<Object>> out, int depth) {
        if (depth > 4 || out.size() > 200) {
            return;
        }
        if (node.isObject()) {
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
                List<Object> p = new ArrayList<>(path);
                p.add(e.getKey());
                out.add(p);
                leaves(e.getValue(), p, out, depth + 1);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> p = new ArrayList<>(path);
            p.add(0);
            out.add(p);
            leaves(node.get(0), p, out, depth + 1);
        }
    }

    /** The template with the value at {@code leaf} replaced by raw JSON text (or removed when null). */
    private static byte[] replace(JsonNode root, List<Object> leaf, String rawJson) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < leaf.size() - 1; i++) {
            Object k = leaf.get(i);
            parent = k instanceof Integer n ? parent.get(n) : parent.get((String) k);
        }
        Object last = leaf.getLast();
        if (rawJson == null) {
            if (parent instanceof ObjectNode o) {
                o.remove((String) last);
            } else if (parent instanceof ArrayNode a) {
                a.remove((Integer) last);
            }
            return bytes(copy);
        }
        if (parent instanceof ObjectNode o) {
            o.set((String) last, TextNode.valueOf(HOLE));
        } else if (parent instanceof ArrayNode a) {
            a.set((Integer) last, TextNode.valueOf(HOLE));
        }
        String text = new String(bytes(copy), StandardCharsets.UTF_8);
        return text.replace("\"" + HOLE + "\"", rawJson).getBytes(StandardCharsets.UTF_8);
    }

    private static String pointer(List<Object> leaf) {
        StringBuilder s = new StringBuilder();
        for (Object k : leaf) {
            s.append(k instanceof Integer ? "[" + k + "]" : (s.isEmpty() ? "" : ".") + k);
        }
        return s.toString();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> sample(List<T> from, int n, Random random) {
        if (from.size() <= n) {
            return from;
        }
        List<T> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, n);
    }

    private static String encodeName(String name) {
        return name.contains("%") ? name : Harvest.encode(name);
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[\\r\\n]+", " ");
        return clean.length() > 240 ? clean.substring(0, 240) + "...(" + clean.length() + " chars)" : clean;
    }

    /** A valid body for a route, which the fuzz breaks one field at a time. */
    public record Example(String contentType, String json) {
    }

    /** What to fuzz and how to judge the answers. */
    public static final class Builder {
        private final String service;
        private String host = "127.0.0.1";
        private int port;
        private List<Route> routes = List.of();
        private Callers callers;
        private FaultShapes.Check faults;
        private long seed = 20240501L;
        private final Map<String, List<Example>> examples = new HashMap<>();
        private final Map<String, List<String>> hints = new HashMap<>();
        private String versionHeader;
        private List<String> versions = List.of();
        private int pathValues = 8;
        private int queryValues = 10;
        private int headerValues = 12;
        private int bodies = 12;
        private int fields = 14;
        private int fieldValues = 3;
        private int hugeBody = 1_100_000;

        private Builder(String service) {
            this.service = service;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The routes to fuzz, usually {@link RouteTable#scan}. */
        public Builder routes(List<Route> routes) {
            this.routes = List.copyOf(routes);
            return this;
        }

        public Builder callers(Callers callers) {
            this.callers = callers;
            return this;
        }

        public Builder faults(FaultShapes.Check faults) {
            this.faults = faults;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A valid body for {@code "METHOD /template"}; the fuzz varies one field at a time. */
        public Builder example(String route, String json) {
            return example(route, null, json);
        }

        public Builder example(String route, String contentType, String json) {
            examples.computeIfAbsent(route, r -> new ArrayList<>()).add(new Example(contentType, json));
            return this;
        }

        /** Values for a path parameter the service does not list anywhere (e.g. a project id). */
        public Builder hint(String param, String... values) {
            hints.put(param, List.of(values));
            return this;
        }

        /** A microversion header and values to send with half of the requests. */
        public Builder versions(String header, List<String> values) {
            this.versionHeader = header;
            this.versions = List.copyOf(values);
            return this;
        }

        /** How many variants of each kind per route: path values per parameter, query, header, body, fields. */
        public Builder breadth(int pathValues, int queryValues, int headerValues, int bodies, int fields,
                               int fieldValues) {
            this.pathValues = pathValues;
            this.queryValues = queryValues;
            this.headerValues = headerValues;
            this.bodies = bodies;
            this.fields = fields;
            this.fieldValues = fieldValues;
            return this;
        }

        /** The size of the "huge" body: above the service's request size limit. */
        public Builder hugeBody(int bytes) {
            this.hugeBody = bytes;
            return this;
        }

        public Report run() {
            if (port == 0 || callers == null || faults == null || routes.isEmpty()) {
                throw new IllegalStateException("a fuzz needs a port, callers, a fault shape and routes");
            }
            return new Fuzzer(this).run();
        }
    }

}
