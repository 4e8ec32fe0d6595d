package io.jstack.image.service.webdownload;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses count as internal (no network: every address here is a literal). */
class AddressesTest {

    private static String kind(String literal) {
        InetAddress a = Addresses.literal(literal);
        return Addresses.internalKind(a).orElse("internet");
    }

    @Test
    void internalAddressesAreNamed() {
        assertEquals("loopback", kind("127.0.0.1"));
        assertEquals("loopback", kind("127.255.0.9"));
        assertEquals("loopback", kind("::1"));
        assertEquals("link-local", kind("169.254.169.254"));
        assertEquals("link-local", kind("fe80::1"));
        assertEquals("private", kind("10.1.2.3"));
        assertEquals("private", kind("172.16.0.1"));
        assertEquals("private", kind("172.31.255.255"));
        assertEquals("private", kind("192.168.1.1"));
        assertEquals("unique-local", kind("fd00:ec2::254"));
        assertEquals("unique-local", kind("fc00::1"));
        assertEquals("multicast", kind("224.0.0.1"));
        assertEquals("multicast", kind("239.255.255.250"));
        assertEquals("multicast", kind("ff02::1"));
        assertEquals("unspecified", kind("0.0.0.0"));
        assertEquals("unspecified", kind("::"));
        assertEquals("reserved", kind("255.255.255.255"));
        assertEquals("shared (carrier-grade NAT)", kind("100.64.0.1"));
    }

    @Test
    void ipv6FormsOfInternalIpv4AddressesAreInternal() {
        assertEquals("loopback", kind("::ffff:127.0.0.1"));
        assertEquals("link-local", kind("::ffff:169.254.169.254"));
        assertTrue(kind("64:ff9b::a9fe:a9fe").startsWith("link-local"), kind("64:ff9b::a9fe:a9fe"));
        assertTrue(kind("2002:7f00:1::").startsWith("loopback"), kind("2002:7f00:1::"));
        assertTrue(kind("::7f00:1").startsWith("loopback"), kind("::7f00:1"));
        assertEquals("internet", kind("64:ff9b::808:808"));
    }

    @Test
    void internetAddressesAreNot() {
        for (String a : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "169.253.0.1", "100.128.0.1",
                "2001:4860:4860::8888", "2a00:1450::1")) {
            assertEquals("internet", kind(a), a);
        }
    }

    @Test
    void literalsAreNeverLookedUpAndEncodedNumbersAreRecognised() {
        assertNull(Addresses.literal("localhost"));
        assertNull(Addresses.literal("example.com"));
        assertNull(Addresses.literal("127.1"));
        assertNull(Addresses.literal("0177.0.0.1"));
        assertNull(Addresses.literal("2130706433"));
        assertNull(Addresses.literal("1.2.3.256"));
        assertEquals("127.0.0.1", Addresses.literal("127.0.0.1").getHostAddress());
        assertEquals(Addresses.literal("::1"), Addresses.literal("[0:0:0:0:0:0:0:1]"));
        assertTrue(Addresses.isEncodedNumber("2130706433"));
        assertTrue(Addresses.isEncodedNumber("127.1"));
        assertTrue(Addresses.isEncodedNumber("0177.0.0.1"));
        assertFalse(Addresses.isEncodedNumber("127.0.0.1"));
        assertFalse(Addresses.isEncodedNumber("example.com"));
    }
}
