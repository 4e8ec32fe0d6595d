package io.jstack.image.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "image_tag")
@IdClass(ImageTag.Key.class)
public class ImageTag extends PanacheEntityBase {
    @Id
    @Column(name = "image_id")
    public String imageId;
    @Id
    public String value;

    public static ImageTag of(String imageId, String value) {
        ImageTag t = new ImageTag();
        t.imageId = imageId;
        t.value = value;
        return t;
    }

    public static class Key implements Serializable {
        public String imageId;
        public String value;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(imageId, k.imageId) && Objects.equals(value, k.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(imageId, value);
        }
    }
}
