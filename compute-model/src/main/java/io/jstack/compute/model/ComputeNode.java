package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A hypervisor as its agent reports it (os-hypervisors). */
@Entity
@Table(name = "compute_nodes")
public class ComputeNode extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    public String uuid;
    public String host;
    @Column(name = "hypervisor_hostname")
    public String hypervisorHostname;
    @Column(name = "hypervisor_type")
    public String hypervisorType;
    @Column(name = "hypervisor_version")
    public long hypervisorVersion;
    @Column(name = "host_ip")
    public String hostIp;
    public int vcpus;
    @Column(name = "memory_mb")
    public int memoryMb;
    @Column(name = "local_gb")
    public int localGb;
    /** JSON text, as the capabilities reported. */
    @Column(name = "cpu_info")
    public String cpuInfo;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
