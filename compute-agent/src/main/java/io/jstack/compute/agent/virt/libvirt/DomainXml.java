package io.jstack.compute.agent.virt.libvirt;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/** Renders a {@link DomainSpec} as libvirt domain XML with an XML writer (which escapes every value). */
public final class DomainXml {

    /** The namespace of the driver's own {@code <metadata>} element. */
    public static final String NAMESPACE = "http://jstack.io/xmlns/libvirt/instance/1.0";

    private DomainXml() {
    }

    public static String render(DomainSpec d) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartElement("domain");
            w.writeAttribute("type", d.type());
            text(w, "name", d.name());
            text(w, "uuid", d.uuid());
            metadata(w, d.metadata());
            w.writeStartElement("memory");
            w.writeAttribute("unit", "MiB");
            w.writeCharacters(Long.toString(d.memoryMb()));
            w.writeEndElement();
            text(w, "vcpu", Integer.toString(d.vcpus()));
            // SMBIOS: the guest reads its instance UUID as the system serial (Nova's sysinfo)
            w.writeStartElement("sysinfo");
            w.writeAttribute("type", "smbios");
            w.writeStartElement("system");
            entry(w, "manufacturer", "OpenStack Foundation");
            entry(w, "product", "OpenStack Nova");
            entry(w, "serial", d.serial());
            entry(w, "uuid", d.uuid());
            entry(w, "family", "Virtual Machine");
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("os");
            w.writeStartElement("type");
            w.writeAttribute("arch", "x86_64");
            w.writeAttribute("machine", d.machineType());
            w.writeCharacters("hvm");
            w.writeEndElement();
            w.writeEmptyElement("boot");
            w.writeAttribute("dev", "hd");
            w.writeEmptyElement("smbios");
            w.writeAttribute("mode", "sysinfo");
            w.writeEndElement();
            w.writeStartElement("features");
            w.writeEmptyElement("acpi");
            w.writeEmptyElement("apic");
            if ("qemu".equals(d.type()) && d.tcgCacheMb() > 0) {
                // software emulation's translation block cache (libvirt 8.0 and later); qemu's default costs RSS
                w.writeStartElement("tcg");
                w.writeStartElement("tb-cache");
                w.writeAttribute("unit", "MiB");
                w.writeCharacters(Integer.toString(d.tcgCacheMb()));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            if (!"none".equals(d.cpuMode())) {
                w.writeEmptyElement("cpu");
                w.writeAttribute("mode", d.cpuMode());
            }
            w.writeStartElement("clock");
            w.writeAttribute("offset", "utc");
            w.writeEndElement();
            text(w, "on_poweroff", "destroy");
            text(w, "on_reboot", "restart");
            text(w, "on_crash", "destroy");
            w.writeStartElement("devices");
            for (DomainSpec.Disk disk : d.disks()) {
                disk(w, disk);
            }
            if (d.userNetwork()) {
                w.writeStartElement("interface");
                w.writeAttribute("type", "user");
                w.writeEmptyElement("model");
                w.writeAttribute("type", "virtio");
                w.writeEndElement();
            }
            // the serial console goes to a file, kept across power cycles (the console output's source)
            w.writeStartElement("serial");
            w.writeAttribute("type", "file");
            w.writeEmptyElement("source");
            w.writeAttribute("path", d.consoleLog());
            w.writeAttribute("append", "on");
            w.writeEmptyElement("target");
            w.writeAttribute("port", "0");
            w.writeEndElement();
            w.writeEmptyElement("memballoon");
            w.writeAttribute("model", "virtio");
            w.writeEndElement(); // devices
            w.writeEndElement(); // domain
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("domain XML could not be written", e);
        }
        return out.toString();
    }

    /** The {@code <disk>} of a volume attached to a running guest; its serial is the volume id (as Nova sets it). */
    public static String volumeDisk(String path, String format, String target, String volumeId) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            w.writeStartElement("disk");
            w.writeAttribute("type", "file");
            w.writeAttribute("device", "disk");
            w.writeEmptyElement("driver");
            w.writeAttribute("name", "qemu");
            w.writeAttribute("type", format);
            w.writeEmptyElement("source");
            w.writeAttribute("file", path);
            w.writeEmptyElement("target");
            w.writeAttribute("dev", target);
            w.writeAttribute("bus", "virtio");
            text(w, "serial", volumeId);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("disk XML could not be written", e);
        }
        return out.toString();
    }

    private static void disk(XMLStreamWriter w, DomainSpec.Disk disk) throws XMLStreamException {
        w.writeStartElement("disk");
        w.writeAttribute("type", "file");
        w.writeAttribute("device", "disk");
        w.writeEmptyElement("driver");
        w.writeAttribute("name", "qemu");
        w.writeAttribute("type", disk.format());
        w.writeAttribute("cache", "none");
        w.writeEmptyElement("source");
        w.writeAttribute("file", disk.path());
        w.writeEmptyElement("target");
        w.writeAttribute("dev", disk.target());
        w.writeAttribute("bus", "virtio");
        if (disk.readOnly()) {
            w.writeEmptyElement("readonly");
        }
        w.writeEndElement();
    }

    private static void metadata(XMLStreamWriter w, DomainSpec.Metadata m) throws XMLStreamException {
        if (m == null) {
            return;
        }
        w.writeStartElement("metadata");
        w.writeStartElement("jstack", "instance", NAMESPACE);
        w.writeNamespace("jstack", NAMESPACE);
        nsText(w, "name", m.instanceName());
        nsText(w, "flavor", m.flavorName());
        nsText(w, "image", m.imageId());
        nsText(w, "config-drive", Boolean.toString(m.configDrive()));
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void nsText(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        w.writeStartElement("jstack", name, NAMESPACE);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void entry(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement("entry");
        w.writeAttribute("name", name);
        w.writeCharacters(value == null ? "" : value);
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
