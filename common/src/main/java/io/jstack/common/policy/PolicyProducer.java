package io.jstack.common.policy;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The service's {@link Enforcer}: the registered defaults with the operator's file, read once at start. */
public class PolicyProducer {

    private static final Logger LOG = Logger.getLogger(PolicyProducer.class);

    @Produces
    @Singleton
    Enforcer enforcer(PolicySettings settings) {
        Path file = Path.of(settings.file());
        Enforcer enforcer;
        try {
            enforcer = Enforcer.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.infof("policy: %d rules, %d set by %s%s", enforcer.rules().size(), enforcer.overriddenCount(), file,
                file.toFile().exists() ? "" : " (absent: defaults)");
        if (!enforcer.unregisteredOverrides().isEmpty()) {
            LOG.warnf("policy: %s defines rules no action enforces (only other rules can name them): %s", file,
                    enforcer.unregisteredOverrides());
        }
        return enforcer;
    }
}
