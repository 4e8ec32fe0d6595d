package io.jstack.image.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A project an image is shared with, and whether that project accepted it (pending, accepted, rejected). */
@Entity
@Table(name = "image_member")
@IdClass(ImageMember.Key.class)
public class ImageMember extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    @Id
    @Column(name = "image_id")
    public String imageId;
    @Id
    public String member;
    public String status;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static class Key implements Serializable {
        public String imageId;
        public String member;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(imageId, k.imageId) && Objects.equals(member, k.member);
        }

        @Override
        public int hashCode() {
            return Objects.hash(imageId, member);
        }
    }
}
