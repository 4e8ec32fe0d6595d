package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An instance's membership of a server group (one group per instance). */
@Entity
@Table(name = "server_group_members")
public class ServerGroupMember extends PanacheEntityBase {
    @Id
    @Column(name = "instance_uuid")
    public String instanceUuid;
    @Column(name = "group_id")
    public Integer groupId;
    @Column(name = "created_at")
    public Instant createdAt;

    public static ServerGroupMember of(Integer groupId, String instanceUuid) {
        ServerGroupMember m = new ServerGroupMember();
        m.groupId = groupId;
        m.instanceUuid = instanceUuid;
        m.createdAt = Instant.now();
        return m;
    }
}
