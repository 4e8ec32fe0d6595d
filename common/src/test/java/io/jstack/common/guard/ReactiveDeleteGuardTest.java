package io.jstack.common.guard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hibernate Reactive deletes managed entities ({@code entity.delete()}, i.e. session.remove + flush) through a
 * delete coordinator shared by every session; two concurrent deletes of one entity type then complete on each
 * other's event loop ("HR000069: Detected use of the reactive Session from a different Thread"), the request
 * fails with a 500 and its transaction is left open. Bulk deletes ({@code Entity.delete("id", id)}) do not go
 * through it. This check keeps instance deletes out of every service's code.
 */
class ReactiveDeleteGuardTest {

    /** {@code x.delete()} with no arguments: an instance delete of a Panache entity (java.io.File aside). */
    private static final Pattern INSTANCE_DELETE = Pattern.compile("\\b[a-z]\\w*(\\(\\))?\\.delete\\(\\)");

    @Test
    void noServiceDeletesManagedEntities() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")
                    && p.toString().contains("/src/main/java/") && !p.toString().contains("/target/")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (INSTANCE_DELETE.matcher(line).find() && !line.contains("File")) {
                        offenders.add(root.relativize(file) + ":" + (i + 1) + ": " + line.trim());
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "use a bulk delete (Entity.delete(\"id\", id)) instead of an instance "
                + "delete, which Hibernate Reactive cannot run concurrently:\n" + String.join("\n", offenders));
    }
}
