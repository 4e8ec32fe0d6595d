package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A server group and its placement policy (affinity, anti-affinity, soft-affinity, soft-anti-affinity). */
@Entity
@Table(name = "server_groups")
public class ServerGroup extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    public String uuid;
    public String name;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "user_id")
    public String userId;
    public String policy;
    /** JSON object, for example {"max_server_per_host": 2}. */
    public String rules;
    @Column(name = "created_at")
    public Instant createdAt;
}
