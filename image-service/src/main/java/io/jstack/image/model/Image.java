package io.jstack.image.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/**
 * An image record: its base properties and where its data is. Custom properties, tags and members are rows of
 * their own. Status changes go through {@code ImageTransitions} (compare-and-swap), never by saving this; updates
 * write only the columns that changed, so saving a record can never undo a concurrent transition.
 */
@Entity
@Table(name = "image")
@DynamicUpdate
public class Image extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public ImageStatus status;
    public String visibility;
    public String owner;
    public Long size;
    @Column(name = "virtual_size")
    public Long virtualSize;
    @Column(name = "disk_format")
    public String diskFormat;
    @Column(name = "container_format")
    public String containerFormat;
    public String checksum;
    @Column(name = "os_hash_algo")
    public String osHashAlgo;
    @Column(name = "os_hash_value")
    public String osHashValue;
    @Column(name = "min_disk")
    public int minDisk;
    @Column(name = "min_ram")
    public int minRam;
    @Column(name = "protected")
    public boolean isProtected;
    @Column(name = "os_hidden")
    public boolean osHidden;
    public String store;
    public String location;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;
}
