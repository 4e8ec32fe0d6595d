package io.jstack.image;

import io.jstack.image.model.Image;
import io.jstack.image.model.ImageStatus;
import io.jstack.image.service.Contexts;
import io.jstack.image.service.Janitor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a crashed replica leaves behind is cleaned up: stale uploads go back to queued, partial files go. */
@QuarkusTest
class JanitorTest {

    @Inject
    Janitor janitor;

    @Inject
    Contexts contexts;

    @Test
    void staleUploadsAreResetAndAbandonedPartialFilesRemoved() throws Exception {
        Api member = Api.member(Api.newProject());
        String stale = member.create();
        String fresh = member.create();
        Path incoming = Path.of("target/test-images/.incoming");
        Path abandoned = incoming.resolve(stale + ".abandoned.partial");
        Files.write(abandoned, new byte[10]);
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path recent = incoming.resolve(fresh + ".recent.partial");
        Files.write(recent, new byte[10]);

        // as if two uploads were running, one of them on a replica that died an hour ago
        Instant old = Instant.now().minus(Duration.ofHours(1));
        contexts.await(() -> Panache.withTransaction(() -> Image.update("status = ?1, updatedAt = ?2 where id = ?3",
                        ImageStatus.SAVING, old, stale)
                .chain(() -> Image.update("status = ?1 where id = ?2", ImageStatus.SAVING, fresh))));

        contexts.await(() -> janitor.sweep());

        member.show(stale).then().body("status", equalTo("queued"));
        member.show(fresh).then().body("status", equalTo("saving"));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(recent));
        Files.delete(recent);
    }
}
