package io.jstack.image.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loads the property protection file at start-up: a configured file that is missing or wrong stops the service. */
public class ProtectionsProducer {

    private static final Logger LOG = Logger.getLogger(ProtectionsProducer.class);

    @Produces
    @Singleton
    @Startup
    PropertyProtections protections(ImageSettings settings) {
        if (settings.propertyProtectionFile().isEmpty() || settings.propertyProtectionFile().get().isBlank()) {
            return PropertyProtections.none();
        }
        Path file = Path.of(settings.propertyProtectionFile().get());
        try {
            PropertyProtections p = PropertyProtections.load(file, settings.propertyProtectionRuleFormat());
            LOG.infof("property protections from %s", file);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("jstack.image.property-protection-file: " + e.getMessage(), e);
        }
    }
}
