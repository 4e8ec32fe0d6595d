package io.jstack.image.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A custom (non-base) image property: always a string, as Glance's schema says. */
@Entity
@Table(name = "image_property")
@IdClass(ImageProperty.Key.class)
public class ImageProperty extends PanacheEntityBase {
    @Id
    @Column(name = "image_id")
    public String imageId;
    @Id
    public String name;
    public String value;

    public static ImageProperty of(String imageId, String name, String value) {
        ImageProperty p = new ImageProperty();
        p.imageId = imageId;
        p.name = name;
        p.value = value;
        return p;
    }

    /** Sets a property, adding it when the image has none of that name. */
    public static Uni<Void> set(String imageId, String name, String value) {
        return update("value = ?1 where imageId = ?2 and name = ?3", value, imageId, name)
                .chain(n -> n > 0 ? Uni.createFrom().voidItem() : of(imageId, name, value).persist().replaceWithVoid());
    }

    public static class Key implements Serializable {
        public String imageId;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(imageId, k.imageId) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(imageId, name);
        }
    }
}
