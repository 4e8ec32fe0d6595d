package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A service of the compute family (nova-compute agents, nova-conductor): up while it reports more often
 * than the service down time, unless an operator forced it down. */
@Entity
@Table(name = "services")
public class Service extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    public String uuid;
    public String host;
    @Column(name = "service_binary")
    public String serviceBinary;
    public String topic;
    @Column(name = "report_count")
    public int reportCount;
    public boolean disabled;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "forced_down")
    public boolean forcedDown;
    @Column(name = "last_seen_up")
    public Instant lastSeenUp;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
