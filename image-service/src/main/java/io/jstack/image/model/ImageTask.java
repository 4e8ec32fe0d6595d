package io.jstack.image.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An asynchronous operation on an image (an import), as {@code GET /v2/images/{id}/tasks} shows it. */
@Entity
@Table(name = "image_task")
public class ImageTask extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";

    @Id
    public String id;
    @Column(name = "image_id")
    public String imageId;
    public String type;
    public String status;
    public String owner;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "request_id")
    public String requestId;
    /** JSON */
    public String input;
    /** JSON, or null */
    public String result;
    public String message;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
}
