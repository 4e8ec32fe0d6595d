package io.jstack.common.compute;

import java.util.List;
import java.util.Map;

/**
 * What the scheduler needs to place instances: resources (flavor), image properties, the requested availability
 * zone, a forced host (admins' "az:host"), server group, same/different host hints (instance uuids), the other
 * scheduler hints as given, and hosts to skip (ones that already failed this request).
 */
public record RequestSpec(String projectId, String userId, FlavorSpec flavor, ImageSpec image,
                          String availabilityZone, String forcedHost, ServerGroupSpec group,
                          List<String> sameHost, List<String> differentHost, Map<String, List<String>> hints,
                          List<String> ignoreHosts) {
    public RequestSpec {
        sameHost = sameHost == null ? List.of() : List.copyOf(sameHost);
        differentHost = differentHost == null ? List.of() : List.copyOf(differentHost);
        hints = hints == null ? Map.of() : Map.copyOf(hints);
        ignoreHosts = ignoreHosts == null ? List.of() : List.copyOf(ignoreHosts);
    }

    public RequestSpec ignoring(String host) {
        List<String> more = new java.util.ArrayList<>(ignoreHosts);
        if (!more.contains(host)) {
            more.add(host);
        }
        return new RequestSpec(projectId, userId, flavor, image, availabilityZone, forcedHost, group, sameHost,
                differentHost, hints, more);
    }
}
