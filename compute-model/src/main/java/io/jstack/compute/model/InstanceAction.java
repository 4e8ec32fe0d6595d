package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One API request on an instance (os-instance-actions), keyed by its request id. */
@Entity
@Table(name = "instance_actions")
public class InstanceAction extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "instance_uuid")
    public String instanceUuid;
    public String action;
    @Column(name = "request_id")
    public String requestId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "start_time")
    public Instant startTime;
    @Column(name = "finish_time")
    public Instant finishTime;
    /** "Error" once one of its events failed. */
    public String message;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
