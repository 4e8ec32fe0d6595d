package io.jstack.image.api;

import io.jstack.image.model.Image;
import io.jstack.image.model.ImageMember;
import io.jstack.image.model.ImageTask;
import io.jstack.image.service.ImageDetails;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Images, members and tasks as Glance renders them; links are relative ({@code /v2/images/{id}}), as Glance's. */
final class ImageView {
    private ImageView() {
    }

    static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static Map<String, Object> image(ImageDetails d) {
        Image i = d.image();
        Map<String, Object> out = new LinkedHashMap<>(d.properties());
        out.put("name", i.name);
        out.put("disk_format", i.diskFormat);
        out.put("container_format", i.containerFormat);
        out.put("visibility", i.visibility);
        out.put("size", i.size);
        out.put("virtual_size", i.virtualSize);
        out.put("status", i.status.value());
        out.put("checksum", i.checksum);
        out.put("protected", i.isProtected);
        out.put("min_ram", i.minRam);
        out.put("min_disk", i.minDisk);
        out.put("owner", i.owner);
        out.put("os_hidden", i.osHidden);
        out.put("os_hash_algo", i.osHashAlgo);
        out.put("os_hash_value", i.osHashValue);
        out.put("id", i.id);
        out.put("created_at", time(i.createdAt));
        out.put("updated_at", time(i.updatedAt));
        out.put("tags", d.tags());
        out.put("self", "/v2/images/" + i.id);
        out.put("file", "/v2/images/" + i.id + "/file");
        out.put("schema", "/v2/schemas/image");
        if (i.status.hasData() && i.store != null) {
            out.put("stores", i.store);
        }
        return out;
    }

    static Map<String, Object> member(ImageMember m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created_at", time(m.createdAt));
        out.put("image_id", m.imageId);
        out.put("member_id", m.member);
        out.put("schema", "/v2/schemas/member");
        out.put("status", m.status);
        out.put("updated_at", time(m.updatedAt));
        return out;
    }

    static Map<String, Object> task(ImageTask t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id);
        out.put("image_id", t.imageId);
        out.put("request_id", t.requestId);
        out.put("user_id", t.userId);
        out.put("type", t.type);
        out.put("status", t.status);
        out.put("owner", t.owner);
        out.put("expires_at", time(t.expiresAt));
        out.put("created_at", time(t.createdAt));
        out.put("updated_at", time(t.updatedAt));
        out.put("deleted_at", null);
        out.put("deleted", false);
        out.put("input", t.input == null ? null : Json.plain(Json.parse(t.input.getBytes())));
        out.put("result", t.result == null ? null : Json.plain(Json.parse(t.result.getBytes())));
        out.put("message", t.message);
        return out;
    }
}
