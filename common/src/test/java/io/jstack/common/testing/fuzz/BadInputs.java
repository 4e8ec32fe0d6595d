package io.jstack.common.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of hostile values. Path and query values are written as they go on the wire (percent-encoded, or
 * raw bytes as ISO-8859-1 chars on purpose); JSON values are JSON text.
 */
final class BadInputs {

    private BadInputs() {
    }

    /** A value with a label for the reports. */
    record Value(String label, String raw) {
    }

    /** Path segment values: wrong types, NUL bytes, huge values, unicode, bad percent-encoding. */
    static final List<Value> PATH = List.of(
            v("nul", "%00"), v("nul-inside", "abc%00def"), v("nul-uuid", "%0011111111-2222-3333-4444-555555555555"),
            v("control", "%01%1F%7F"), v("crlf", "a%0D%0Ab"),
            v("huge", "a".repeat(2500)), v("huge-number", "9".repeat(40)), v("negative", "-1"), v("zero", "0"),
            v("int-overflow", "2147483648"), v("long-overflow", "9223372036854775808"), v("float", "1.5e308"),
            v("bool", "true"), v("null", "null"), v("json", "%7B%7D"),
            v("snowman", "%E2%98%83"), v("emoji", "%F0%9F%92%A9"), v("bom", "%EF%BB%BF"), v("nonchar", "%EF%BF%BF"),
            v("raw-utf8", "\u00e2\u0098\u0083"), v("raw-latin1", "caf\u00e9"),
            v("bad-escape", "%zz"), v("lone-percent", "%"), v("half-escape", "a%4"), v("bad-utf8", "%C3%28"),
            v("overlong", "%C0%AF"), v("surrogate", "%ED%A0%80"), v("ff", "%FF%FE"),
            v("dotdot", ".."), v("encoded-dotdot", "%2e%2e"), v("encoded-slash", "a%2Fb"), v("space", "a%20b"),
            v("plus", "a+b"), v("quote", "%27%22"), v("sql", "1%27%20OR%20%271%27=%271"), v("percent", "%25"),
            v("regex", "(%5B*"), v("backslash", "%5C"), v("tab", "%09"), v("semicolon", "a;b=c"));

    /** Query parameter values. */
    static final List<Value> QUERY = List.of(
            v("nul", "%00"), v("nul-inside", "a%00b"), v("empty", ""), v("huge", "x".repeat(2500)),
            v("huge-number", "9".repeat(40)), v("negative", "-1"), v("zero", "0"), v("int-overflow", "2147483648"),
            v("long-overflow", "9223372036854775808"), v("float", "1.5"), v("nan", "NaN"), v("bool", "yes"),
            v("snowman", "%E2%98%83"), v("bad-escape", "%zz"), v("lone-percent", "%"), v("bad-utf8", "%C3%28"),
            v("surrogate", "%ED%A0%80"), v("raw-latin1", "caf\u00e9"),
            v("regex-open", "("), v("regex-class", "%5B"), v("regex-star", "*"), v("regex-bad-repeat", "a%7B2,1%7D"),
            v("regex-backref", "%5C9"), v("regex-class-escape", "%5Cp%7BL%7D"), v("regex-lookbehind", "(%3F%3C=a)b"),
            v("regex-huge-repeat", "a%7B1000%7D"), v("quote", "%27"), v("sql", "1%27%20OR%20%271%27=%271"),
            v("uuid-ish", "11111111-2222-3333-4444-555555555555"), v("date", "2024-13-45T99:99:99Z"),
            v("date-year", "99999-01-01"), v("comma-list", "a,,b,"), v("in-list", "in:a,%00"),
            v("json", "%7B%22a%22:1%7D"), v("spaces", "%20%20"), v("control", "%01"));

    /** Query parameter names every route is tried with, besides those it declares and the fields it shows. */
    static final List<String> QUERY_NAMES = List.of("limit", "marker", "offset", "sort_key", "sort_dir", "sort",
            "name", "status", "changes-since", "changes-before", "all_tenants", "project_id", "tenant_id", "user_id",
            "domain_id", "id", "ip", "ip6", "host", "flavor", "image", "visibility", "member_status", "tag", "tags",
            "tags-any", "not-tags", "size_min", "size_max", "enabled", "start", "end", "detailed", "deleted",
            "created_at", "updated_at", "include_names", "effective", "parent_id", "is_domain", "type",
            "hypervisor_hostname_pattern", "with_servers", "minDisk", "minRam", "is_public", "locked", "length",
            "%00", "", "%zz", "a%00");

    /** Bodies whatever the route: missing in all but name, not JSON, broken, huge, deeply nested, bad UTF-8. */
    static List<Body> bodies(int hugeBytes) {
        List<Body> out = new ArrayList<>();
        out.add(json("empty", ""));
        out.add(json("null", "null"));
        out.add(json("array", "[]"));
        out.add(json("string", "\"x\""));
        out.add(json("number", "1"));
        out.add(json("true", "true"));
        out.add(json("unclosed", "{"));
        out.add(json("truncated", "{\"a\": "));
        out.add(json("trailing", "{} {}"));
        out.add(json("no-colon", "{\"a\" 1}"));
        out.add(json("single-quotes", "{'a': 1}"));
        out.add(json("comment", "/* x */ {}"));
        out.add(json("nan", "{\"a\": NaN}"));
        out.add(json("big-number", "{\"a\": 1e999999}"));
        out.add(json("big-int", "{\"a\": " + "9".repeat(2000) + "}"));
        out.add(json("duplicate-keys", "{\"a\": 1, \"a\": {}}"));
        out.add(json("nul-key", "{\"\\u0000\": 1}"));
        out.add(json("bom", "\uFEFF{}"));
        out.add(new Body("bad-utf8", "application/json", "{\"a\": \"".getBytes(StandardCharsets.UTF_8),
                new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF, '"', '}'}));
        out.add(new Body("utf16", "application/json", "{\"a\": 1}".getBytes(StandardCharsets.UTF_16)));
        out.add(json("deep-array", "[".repeat(5000) + "]".repeat(5000)));
        out.add(json("deep-object", "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        out.add(json("huge", "{\"a\": \"" + "x".repeat(hugeBytes) + "\"}"));
        out.add(json("wide", "{" + String.join(",", java.util.stream.IntStream.range(0, 20000)
                .mapToObj(i -> "\"k" + i + "\": " + i).toList()) + "}"));
        out.add(new Body("binary", "application/octet-stream", new byte[]{0, 1, 2, (byte) 0xFF}));
        out.add(new Body("form", "application/x-www-form-urlencoded", "a=1&b=%00".getBytes(StandardCharsets.UTF_8)));
        out.add(new Body("xml", "application/xml", "<a>1</a>".getBytes(StandardCharsets.UTF_8)));
        out.add(new Body("text", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** JSON values put in place of a field's value. */
    static final List<Value> FIELD = List.of(
            v("null", "null"), v("true", "true"), v("false", "false"), v("zero", "0"), v("negative", "-1"),
            v("int-overflow", "2147483648"), v("long-overflow", "9223372036854775808"),
            v("huge-int", "1" + "0".repeat(60)), v("float", "1.5"), v("big-float", "1.7e308"), v("tiny", "1e-320"),
            v("empty-string", "\"\""), v("spaces", "\"   \""), v("nul", "\"\\u0000\""),
            v("nul-inside", "\"a\\u0000b\""), v("percent-nul", "\"%00\""), v("control", "\"\\u0001\\u001f\""),
            v("long-string", "\"" + "x".repeat(70000) + "\""),
            v("medium-string", "\"" + "y".repeat(300) + "\""), v("unicode", "\"\u2603\ud83d\udca9\""),
            v("lone-surrogate", "\"\\ud800\""), v("number-string", "\"12abc\""), v("negative-string", "\"-5\""),
            v("bool-string", "\"maybe\""), v("date-string", "\"2024-13-45T99:99:99Z\""), v("regex", "\"([\""),
            v("sql", "\"1' OR '1'='1\""), v("uuid", "\"11111111-2222-3333-4444-555555555555\""),
            v("empty-array", "[]"), v("array", "[1, \"a\", null, {}]"), v("nested-array", "[[[[[[[[[[]]]]]]]]]]"),
            v("empty-object", "{}"), v("object", "{\"a\": {\"b\": [null]}}"),
            v("nul-key-object", "{\"\\u0000\": \"x\"}"),
            v("deep", "[".repeat(900) + "]".repeat(900)));

    /** A body: a label, a Content-Type (null: none) and the bytes. */
    record Body(String label, String contentType, byte[] bytes) {
        Body(String label, String contentType, byte[] first, byte[] second) {
            this(label, contentType, concat(first, second));
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] out = new byte[a.length + b.length];
            System.arraycopy(a, 0, out, 0, a.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }

    static Body json(String label, String text) {
        return new Body(label, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    private static Value v(String label, String raw) {
        return new Value(label, raw);
    }

    /** Malformed tokens. */
    static final List<Value> TOKENS = List.of(
            v("json-null-header", "bnVsbA.e30.AA"), v("array-header", "W10.W10.W10"), v("abc", "a.b.c"),
            v("dots", "..."),
            v("one-part", "garbage"), v("four-parts", "a.b.c.d"), v("bearer", "Bearer abc"),
            v("huge", "A".repeat(7000)), v("none-alg", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
            v("unknown-kid", "eyJhbGciOiJFUzI1NiIsImtpZCI6Im5vcGUifQ.e30.AAAA"),
            v("bad-base64", "%%%.***.###"), v("latin1", "t\u00f6ken"), v("spaces", "a b c"));

    /** Headers a request may carry, with bad values; tried one at a time. */
    static List<String[]> headers(List<String> versionHeaders) {
        List<String[]> out = new ArrayList<>();
        for (String type : List.of("text/plain", "application/xml", "application/json; charset=ebcdic",
                "application/json; charset=\"", "garbage", "application/", "*/*", "multipart/form-data",
                "application/json-patch+json", "application/openstack-images-v2.1-json-patch",
                "application/octet-stream", ";;;", "application/json" + ";x=y".repeat(200))) {
            out.add(new String[]{"Content-Type", type});
        }
        for (String accept : List.of("application/xml", "text/html;q=0", "garbage", "*/*;q=abc",
                "application/json;q=2", "application/json;version=99", "image/png", ",,,")) {
            out.add(new String[]{"Accept", accept});
        }
        for (String v : List.of("compute 2.9999", "compute 3.0", "compute 1.0", "compute 2.", "compute .1",
                "compute abc", "compute", "compute 2.1 extra", "compute 99999999999999999999.1",
                "compute 2.99999999999999999999", "compute -2.1", "compute 2.-1", "compute latest",
                "volume 3.0, compute 2.0", "image 2.1", "identity 3.0", ",", "compute  2.1", "COMPUTE 2.1",
                "compute 02.001", "compute 2.1e3", "compute \u00b2.1")) {
            out.add(new String[]{"OpenStack-API-Version", v});
        }
        for (String v : List.of("2.9999999999999", "abc", "", "2.-1", "3", "2.", "99999999999.1", "latest")) {
            out.add(new String[]{"X-OpenStack-Nova-API-Version", v});
        }
        for (String name : versionHeaders) {
            for (String v : List.of("x", "", "99999999999999999999")) {
                out.add(new String[]{name, v});
            }
        }
        for (Value t : TOKENS) {
            out.add(new String[]{"X-Service-Token", t.raw()});
            out.add(new String[]{"X-Subject-Token", t.raw()});
        }
        for (String range : List.of("bytes=abc", "bytes=5-1", "bytes=-0", "bytes=99999999999999999999-",
                "bytes=0-1,2-3", "items=0-1", "bytes=", "bytes=-99999999999999999999")) {
            out.add(new String[]{"Range", range});
        }
        for (String range : List.of("bytes 0-1/0", "bytes abc", "bytes */*", "bytes 5-1/10",
                "bytes 0-99999999999999999999/1")) {
            out.add(new String[]{"Content-Range", range});
        }
        out.add(new String[]{"X-Openstack-Request-Id", "req-\u00ff%00"});
        out.add(new String[]{"X-Openstack-Request-Id", "x".repeat(3000)});
        out.add(new String[]{"Content-Encoding", "gzip"});
        out.add(new String[]{"Transfer-Encoding", "identity"});
        out.add(new String[]{"If-Match", "\"%00\""});
        out.add(new String[]{"X-Forwarded-Host", "evil\u00ff"});
        out.add(new String[]{"X-Forwarded-Proto", "gopher"});
        out.add(new String[]{"X-Forwarded-Prefix", "/%00"});
        out.add(new String[]{"Forwarded", "proto=%00;host=\"\""});
        out.add(new String[]{"Accept-Language", "zz-ZZ;q=abc"});
        out.add(new String[]{"x-image-meta-name", "\u00ff"});
        out.add(new String[]{"x-openstack-image-import-methods", "%00"});
        return out;
    }

    /** Header values with raw control bytes, which no HTTP client should send. */
    static final List<String[]> RAW_HEADERS = List.of(
            new String[]{"X-Auth-Token", "abc\u0000def"}, new String[]{"X-Auth-Token", "\u0001\u007f"},
            new String[]{"OpenStack-API-Version", "compute 2.1\u0000"}, new String[]{"Content-Type", "\u0000"},
            new String[]{"X-Subject-Token", "\u0000"}, new String[]{"Range", "bytes=\u00000-1"},
            new String[]{"X-Fuzz\u0000", "x"}, new String[]{"Accept", "application/json\u000b"});

    /** Values for headers a route itself reads ({@code @HeaderParam}). */
    static final List<String> DECLARED_HEADER_VALUES = List.of("", "%00", "abc", "-1", "9".repeat(30), "\u00ff\u00fe",
            "bytes=5-1", "a".repeat(3000), "true", "null", "{}", "compute 2.1");
}
