package io.jstack.compute.api;

import io.jstack.common.compute.ComputeRpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A server's diagnostics as the compute API shows them. */
final class DiagnosticsView {

    private DiagnosticsView() {
    }

    /** Nova's standard diagnostics (microversion 2.48 and later). */
    static Map<String, Object> standard(ComputeRpc.Diagnostics d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", d.state());
        out.put("driver", d.driver());
        out.put("hypervisor", d.hypervisor());
        out.put("hypervisor_os", d.hypervisorOs());
        out.put("uptime", d.uptime());
        out.put("config_drive", d.configDrive());
        out.put("num_cpus", d.cpuDetails().size());
        out.put("num_nics", d.nicDetails().size());
        out.put("num_disks", d.diskDetails().size());
        out.put("memory_details", Map.of("maximum", d.memoryMaximumMb(), "used", d.memoryUsedMb()));
        List<Map<String, Object>> cpus = new ArrayList<>();
        for (ComputeRpc.CpuDetail c : d.cpuDetails()) {
            Map<String, Object> cpu = new HashMap<>();
            cpu.put("id", c.id());
            cpu.put("time", c.time());
            cpu.put("utilisation", null); // the hypervisor gives times, not rates
            cpus.add(cpu);
        }
        out.put("cpu_details", cpus);
        List<Map<String, Object>> nics = new ArrayList<>();
        for (ComputeRpc.NicDetail n : d.nicDetails()) {
            Map<String, Object> nic = new LinkedHashMap<>();
            nic.put("mac_address", n.macAddress());
            nic.put("rx_octets", n.rxOctets());
            nic.put("rx_errors", n.rxErrors());
            nic.put("rx_drop", n.rxDrop());
            nic.put("rx_packets", n.rxPackets());
            nic.put("rx_rate", null);
            nic.put("tx_octets", n.txOctets());
            nic.put("tx_errors", n.txErrors());
            nic.put("tx_drop", n.txDrop());
            nic.put("tx_packets", n.txPackets());
            nic.put("tx_rate", null);
            nics.add(nic);
        }
        out.put("nic_details", nics);
        List<Map<String, Object>> disks = new ArrayList<>();
        for (ComputeRpc.DiskDetail k : d.diskDetails()) {
            disks.add(Map.of("read_bytes", k.readBytes(), "read_requests", k.readRequests(),
                    "write_bytes", k.writeBytes(), "write_requests", k.writeRequests(),
                    "errors_count", k.errorsCount()));
        }
        out.put("disk_details", disks);
        return out;
    }

    /** Before 2.48 each driver chose its own keys; these are the libvirt driver's (memory in KiB). */
    static Map<String, Object> legacy(ComputeRpc.Diagnostics d) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ComputeRpc.CpuDetail c : d.cpuDetails()) {
            out.put("cpu" + c.id() + "_time", c.time());
        }
        out.put("memory", d.memoryMaximumMb() * 1024);
        out.put("memory-actual", d.memoryUsedMb() * 1024);
        for (ComputeRpc.DiskDetail k : d.diskDetails()) {
            out.put(k.device() + "_read", k.readBytes());
            out.put(k.device() + "_read_req", k.readRequests());
            out.put(k.device() + "_write", k.writeBytes());
            out.put(k.device() + "_write_req", k.writeRequests());
            out.put(k.device() + "_errors", k.errorsCount());
        }
        return out;
    }
}
