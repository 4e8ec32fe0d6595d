package io.jstack.image.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** Glance's image statuses. Data exists only for ACTIVE and DEACTIVATED images. */
public enum ImageStatus {
    QUEUED, SAVING, ACTIVE, KILLED, DELETED, UPLOADING, IMPORTING, PENDING_DELETE, DEACTIVATED;

    /** The name on the wire and in the database: lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean hasData() {
        return this == ACTIVE || this == DEACTIVATED;
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<ImageStatus, String> {
        @Override
        public String convertToDatabaseColumn(ImageStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public ImageStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
