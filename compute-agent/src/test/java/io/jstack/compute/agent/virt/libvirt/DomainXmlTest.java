package io.jstack.compute.agent.virt.libvirt;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DomainXmlTest {

    static final String HOSTILE = "vm</name><devices><disk type='file'><source file='/etc/shadow'/></disk>&\"'";

    static DomainSpec spec(String instanceName) {
        return new DomainSpec("instance-1", "2f5c7c1e-0d1b-4a9e-9d1a-1b2c3d4e5f60", "qemu", "pc", "none", 2, 256,
                "2f5c7c1e-0d1b-4a9e-9d1a-1b2c3d4e5f60",
                List.of(new DomainSpec.Disk("/var/lib/i/disk", "qcow2", "vda", false),
                        new DomainSpec.Disk("/var/lib/i/disk.config", "raw", "vdb", true)),
                "/var/lib/i/console.log", true, 32, new DomainSpec.Metadata(instanceName, "m1.nano", "img", true));
    }

    static String xpath(Document doc, String expression) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(expression, doc);
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void userTextStaysText() throws Exception {
        Document doc = parse(DomainXml.render(spec(HOSTILE)));
        assertEquals("2", xpath(doc, "count(/domain/devices/disk)"));
        assertEquals(HOSTILE, xpath(doc, "/domain/metadata/*[local-name()='instance']/*[local-name()='name']"));
        assertEquals("instance-1", xpath(doc, "/domain/name"));
    }

    @Test
    void theDomainHasWhatTheGuestNeeds() throws Exception {
        Document doc = parse(DomainXml.render(spec("vm")));
        assertEquals("qemu", xpath(doc, "/domain/@type"));
        assertEquals("256", xpath(doc, "/domain/memory"));
        assertEquals("2", xpath(doc, "/domain/vcpu"));
        assertEquals("2f5c7c1e-0d1b-4a9e-9d1a-1b2c3d4e5f60",
                xpath(doc, "/domain/sysinfo/system/entry[@name='serial']"));
        assertEquals("virtio", xpath(doc, "/domain/devices/disk[1]/target/@bus"));
        assertEquals("1", xpath(doc, "count(/domain/devices/disk[2]/readonly)"));
        assertEquals("/var/lib/i/console.log", xpath(doc, "/domain/devices/serial/source/@path"));
        assertEquals("user", xpath(doc, "/domain/devices/interface/@type"));
        assertEquals("32", xpath(doc, "/domain/features/tcg/tb-cache"));
        assertFalse(xpath(doc, "count(/domain/cpu)").equals("1"));
    }

    @Test
    void volumeDisksCarryTheVolumeIdAsSerial() throws Exception {
        Document doc = parse(DomainXml.volumeDisk("/v/x&y", "raw", "vdc", "vol-<1>"));
        assertEquals("vol-<1>", xpath(doc, "/disk/serial"));
        assertEquals("/v/x&y", xpath(doc, "/disk/source/@file"));
    }
}
