package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A block device of an instance (BDMv2 fields); for now the image-backed root disk. */
@Entity
@Table(name = "block_device_mappings")
public class BlockDeviceMapping extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String uuid;
    @Column(name = "instance_uuid")
    public String instanceUuid;
    /** image, volume, snapshot or blank. */
    @Column(name = "source_type")
    public String sourceType;
    /** local or volume. */
    @Column(name = "destination_type")
    public String destinationType;
    @Column(name = "device_name")
    public String deviceName;
    @Column(name = "boot_index")
    public Integer bootIndex;
    @Column(name = "image_id")
    public String imageId;
    @Column(name = "volume_id")
    public String volumeId;
    @Column(name = "snapshot_id")
    public String snapshotId;
    @Column(name = "volume_size")
    public Integer volumeSize;
    @Column(name = "delete_on_termination")
    public boolean deleteOnTermination;
    @Column(name = "guest_format")
    public String guestFormat;
    @Column(name = "disk_bus")
    public String diskBus;
    @Column(name = "device_type")
    public String deviceType;
    public String tag;
    @Column(name = "attachment_id")
    public String attachmentId;
    @Column(name = "created_at")
    public Instant createdAt;
}
