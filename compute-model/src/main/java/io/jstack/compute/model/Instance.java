package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Generated;

/** An instance (a server), with its flavor copied in and Nova's three states: {@code vmState} (what it is),
 * {@code taskState} (what is being done to it, null when nothing) and {@code powerState} (what the hypervisor
 * last said). Every state change is a conditional update ({@link Instances}). */
@Entity
@Table(name = "instances")
public class Instance extends PanacheEntityBase {
    /** Orders listings and names the guest ({@code instance-%08x}). */
    @Column(insertable = false, updatable = false)
    @Generated
    public Long id;
    @Id
    public String uuid;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "display_description")
    public String displayDescription;
    public String hostname;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "image_ref")
    public String imageRef;
    @Column(name = "flavor_id")
    public String flavorId;
    @Column(name = "flavor_name")
    public String flavorName;
    public int vcpus;
    @Column(name = "memory_mb")
    public int memoryMb;
    @Column(name = "root_gb")
    public int rootGb;
    @Column(name = "ephemeral_gb")
    public int ephemeralGb;
    public int swap;
    /** JSON object of the flavor's extra specs when the instance was built. */
    @Column(name = "flavor_extra_specs")
    public String flavorExtraSpecs;
    @Column(name = "vm_state")
    public String vmState;
    @Column(name = "task_state")
    public String taskState;
    @Column(name = "power_state")
    public int powerState;
    public String host;
    public String node;
    @Column(name = "availability_zone")
    public String availabilityZone;
    /** The zone the user asked for (null: none), microversion 2.96. */
    @Column(name = "pinned_availability_zone")
    public String pinnedAvailabilityZone;
    @Column(name = "key_name")
    public String keyName;
    @Column(name = "key_data")
    public String keyData;
    /** Base64, as given. */
    @Column(name = "user_data")
    public String userData;
    @Column(name = "config_drive")
    public String configDrive = "";
    public boolean locked;
    /** owner or admin. */
    @Column(name = "locked_by")
    public String lockedBy;
    @Column(name = "locked_reason")
    public String lockedReason;
    @Column(name = "reservation_id")
    public String reservationId;
    @Column(name = "launch_index")
    public int launchIndex;
    @Column(name = "access_ip_v4")
    public String accessIpV4;
    @Column(name = "access_ip_v6")
    public String accessIpV6;
    /** AUTO or MANUAL (OS-DCF:diskConfig). */
    @Column(name = "disk_config")
    public String diskConfig = "MANUAL";
    public int progress;
    @Column(name = "root_device_name")
    public String rootDeviceName;
    /** JSON object of the scheduler hints given at create. */
    @Column(name = "scheduler_hints")
    public String schedulerHints;
    @Column(name = "launched_at")
    public Instant launchedAt;
    @Column(name = "terminated_at")
    public Instant terminatedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
    public boolean deleted;

    /** The guest's name on its hypervisor, as Nova's instance_name_template. */
    public String instanceName() {
        return String.format("instance-%08x", id == null ? 0 : id);
    }
}
