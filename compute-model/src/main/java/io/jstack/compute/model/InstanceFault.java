package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Why an instance went to ERROR (the newest fault is shown with the server). */
@Entity
@Table(name = "instance_faults")
public class InstanceFault extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "instance_uuid")
    public String instanceUuid;
    public int code;
    public String message;
    public String details;
    public String host;
    @Column(name = "created_at")
    public Instant createdAt;
}
