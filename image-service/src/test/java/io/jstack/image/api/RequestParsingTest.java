package io.jstack.image.api;

import io.jstack.common.api.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** JSON pointers, quoted filter lists, byte ranges and Content-MD5 values, as Glance reads them. */
class RequestParsingTest {

    @Test
    void pointers() {
        assertEquals(List.of("name"), ImageRequests.decodePointer("/name"));
        assertEquals(List.of("a/b~c"), ImageRequests.decodePointer("/a~1b~0c"));
        assertEquals(List.of("locations", "0"), ImageRequests.decodePointer("/locations/0"));
        for (String bad : List.of("name", "/a//b", "/a/", "/a~2", "/a~", "/")) {
            assertThrows(ApiException.class, () -> ImageRequests.decodePointer(bad), bad);
        }
    }

    @Test
    void quotedLists() {
        assertEquals(List.of("a", "b,c", "d"), ImageRequests.splitQuoted("a,\"b,c\",d"));
        assertEquals(List.of("x\"y"), ImageRequests.splitQuoted("x\\\"y"));
        assertThrows(ApiException.class, () -> ImageRequests.splitQuoted("\"open"));
    }

    @Test
    void ranges() {
        assertNull(ByteRange.parse(null, 100));
        assertEquals(new ByteRange(10, 10), ByteRange.parse("bytes=10-19", 100));
        assertEquals(new ByteRange(90, 10), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(95, 5), ByteRange.parse("bytes=-5", 100));
        assertEquals(new ByteRange(90, 10), ByteRange.parse("bytes=90-500", 100));
        for (String bad : List.of("bytes=100-", "bytes=20-10", "items=1-2", "bytes=1-2,5-6", "bytes=x-1")) {
            ApiException e = assertThrows(ApiException.class, () -> ByteRange.parse(bad, 100), bad);
            assertEquals(416, e.status());
        }
    }

    @Test
    void contentMd5InBothSpellings() {
        String hex = "9e107d9d372bb6826bd81d3542a419d6";
        assertEquals(hex, ImageDataResource.contentMd5(hex.toUpperCase()));
        assertEquals(hex, ImageDataResource.contentMd5("nhB9nTcrtoJr2B01QqQZ1g=="));
        assertThrows(ApiException.class, () -> ImageDataResource.contentMd5("not-a-digest"));
    }

    @Test
    void times() {
        assertEquals(ImageRequests.parseTime("2024-01-02T03:04:05Z"), ImageRequests.parseTime("2024-01-02T03:04:05"));
        assertEquals(ImageRequests.parseTime("2024-01-02T05:04:05+02:00"),
                ImageRequests.parseTime("2024-01-02T03:04:05Z"));
    }
}
