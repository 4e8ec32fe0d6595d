package io.jstack.common.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpEdgeTest {

    private static int status(String target) {
        return HttpEdge.check(target, null, 1024).map(HttpEdge.Refusal::status).orElse(0);
    }

    @Test
    void wellFormedTargetsPass() {
        assertEquals(0, status("/v2.1/servers/abc?name=a%20b&limit=1"));
        assertEquals(0, status("/v2.1/servers/%E2%98%83"));
        assertEquals(0, status("/"));
    }

    @Test
    void brokenEncodingIsABadRequest() {
        for (String t : new String[]{"/a/%zz", "/a/%", "/a/%4", "/a/%C3%28", "/a/%ED%A0%80", "/a/%FF",
                "/a?x=%zz", "/a?x=%C0%AF", "/a b", "/a/\u00e9"}) {
            assertEquals(400, status(t), t);
        }
    }

    @Test
    void nulIsNotFoundInThePathAndABadRequestInTheQuery() {
        assertEquals(404, status("/v2.1/servers/%00/ips"));
        assertEquals(404, status("/v2.1/servers/a%00b"));
        assertEquals(400, status("/v2.1/servers?name=%00"));
        assertEquals(400, status("/v2.1/servers?a%00=1"));
    }

    @Test
    void aBodyAboveTheLimitIsTooLarge() {
        assertEquals(413, HttpEdge.check("/x", "1025", 1024).orElseThrow().status());
        assertEquals(400, HttpEdge.check("/x", "lots", 1024).orElseThrow().status());
        assertTrue(HttpEdge.check("/x", "1024", 1024).isEmpty());
    }

    @Test
    void decodingIsStrictUtf8() {
        assertEquals("a b+c", HttpEdge.decode("a%20b+c", false));
        assertEquals("a b c", HttpEdge.decode("a%20b+c", true));
        assertEquals("\u2603", HttpEdge.decode("%E2%98%83", false));
        assertNull(HttpEdge.decode("%C3", false));
    }
}
