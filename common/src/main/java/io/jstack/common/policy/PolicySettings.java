package io.jstack.common.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where a service reads its operator's policy overrides ({@code jstack.policy.*}). */
@ConfigMapping(prefix = "jstack.policy")
public interface PolicySettings {

    /**
     * The policy file: YAML or JSON mapping rule names to check strings, as Nova's and Glance's
     * {@code policy.yaml}. Rules it does not name keep their defaults in code; a file that does not exist means
     * every default. Read at start; a malformed file stops the service. Default
     * {@code /etc/jstack/<service type>/policy.yaml} ({@code jstack.auth.service-type}: identity, compute, image).
     */
    @WithDefault("/etc/jstack/${jstack.auth.service-type:service}/policy.yaml")
    String file();
}
