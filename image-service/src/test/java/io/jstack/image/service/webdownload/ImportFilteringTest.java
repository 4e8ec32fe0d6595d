package io.jstack.image.service.webdownload;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Glance's import filtering options and the internal-address rule (no network: nothing here is resolved). */
class ImportFilteringTest {

    /** Glance's defaults: http and https, ports 80 and 443, any host. */
    static ImportFiltering defaults(String... internalTargets) {
        return new ImportFiltering(new ImportFiltering.Rules(List.of("http", "https"), List.of(), List.of(),
                List.of(), List.of(80, 443), List.of(), List.of(internalTargets)));
    }

    private static void refused(ImportFiltering f, String uri) {
        assertThrows(Refused.class, () -> f.check(uri), uri);
    }

    private static void passes(ImportFiltering f, String uri) {
        assertDoesNotThrow(() -> f.check(uri), uri);
    }

    @Test
    void glanceDefaults() throws Refused {
        ImportFiltering f = defaults();
        passes(f, "http://example.com/image.qcow2");
        passes(f, "https://example.com:443/image.qcow2");
        passes(f, "HTTP://Example.COM/x");
        refused(f, "ftp://example.com/x");
        refused(f, "file:///etc/passwd");
        refused(f, "http://example.com:8080/x");
        refused(f, "http:///x");
        refused(f, "not a uri");
        refused(f, null);
        assertEquals(80, f.check("http://example.com/x").port());
        assertEquals(443, f.check("https://example.com/x").port());
        assertEquals("example.com:8443", new ImportFiltering(new ImportFiltering.Rules(List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of())).check("https://example.com:8443/x")
                .hostHeader());
    }

    @Test
    void allowedListsWinOverDisallowedLists() {
        ImportFiltering f = new ImportFiltering(new ImportFiltering.Rules(List.of("https"), List.of("https"),
                List.of("images.example.com", "192.0.2.10"), List.of("images.example.com"), List.of(8443),
                List.of(8443), List.of()));
        passes(f, "https://images.example.com:8443/x");
        passes(f, "https://192.0.2.10:8443/x");
        refused(f, "http://images.example.com:8443/x");
        refused(f, "https://other.example.com:8443/x");
        refused(f, "https://images.example.com/x");
    }

    @Test
    void disallowedListsApplyWhenNothingIsAllowed() {
        ImportFiltering f = new ImportFiltering(new ImportFiltering.Rules(List.of(), List.of("http"), List.of(),
                List.of("bad.example.com", "2001:db8::1"), List.of(), List.of(22, 8443), List.of()));
        passes(f, "https://good.example.com:9999/x");
        refused(f, "http://good.example.com/x");
        refused(f, "https://BAD.example.com/x");
        refused(f, "https://[2001:db8:0::1]/x");
        refused(f, "https://good.example.com:22/x");
    }

    @Test
    void internalAddressLiteralsAndEncodedNumbersAreRefused() {
        ImportFiltering f = defaults();
        for (String uri : List.of("http://127.0.0.1/x", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]/x", "http://10.0.0.1/x", "http://192.168.0.1/x", "http://[fd00::1]/x",
                "http://0.0.0.0/x", "http://[::]/x", "http://224.0.0.1/x", "http://[::ffff:169.254.169.254]/x",
                "http://2130706433/x", "http://127.1/x", "http://0x7f.0.0.1/x")) {
            refused(f, uri);
        }
        passes(f, "http://8.8.8.8/x");
        passes(f, "http://[2001:4860:4860::8888]/x");
    }

    @Test
    void allowedInternalTargetsLetExactlyThoseThrough() {
        ImportFiltering f = new ImportFiltering(new ImportFiltering.Rules(List.of("http"), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of("127.0.0.1:80", "10.1.0.0/16", "[fd00::/8]:8080")));
        passes(f, "http://127.0.0.1/x");
        refused(f, "http://127.0.0.1:8080/x");
        refused(f, "http://127.0.0.2/x");
        passes(f, "http://10.1.200.3:1234/x");
        refused(f, "http://10.2.0.1/x");
        passes(f, "http://[fd12::1]:8080/x");
        refused(f, "http://[fd12::1]:8081/x");
        refused(f, "http://169.254.169.254/x");
    }

    @Test
    void malformedInternalTargetsAreSettingsErrors() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "127.0.0.1:0", "127.0.0.1:99999", "[::1", "::1:80:",
                "1.2.3.4/x")) {
            assertThrows(IllegalArgumentException.class, () -> defaults(bad), bad);
        }
        assertDoesNotThrow(() -> defaults("::1", "[::1]:80", "0.0.0.0/0", "::/0"));
    }
}
