package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A flavor: the size of an instance ({@code flavorid} is its API id; {@code id} orders listings). */
@Entity
@Table(name = "flavors")
public class Flavor extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    public String flavorid;
    public String name;
    @Column(name = "memory_mb")
    public int memoryMb;
    public int vcpus;
    @Column(name = "root_gb")
    public int rootGb;
    @Column(name = "ephemeral_gb")
    public int ephemeralGb;
    /** Swap in MB. */
    public int swap;
    @Column(name = "rxtx_factor")
    public double rxtxFactor = 1.0;
    @Column(name = "is_public")
    public boolean isPublic = true;
    public boolean disabled;
    public String description;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
