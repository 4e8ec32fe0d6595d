package io.jstack.compute.api;

import io.jstack.common.api.ApiException;
import io.jstack.common.api.FaultShape;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Optional;

/**
 * Microversion negotiation, as Nova: {@code OpenStack-API-Version: compute 2.x} (or the legacy
 * {@code X-OpenStack-Nova-API-Version: 2.x}); no header means 2.1, {@code latest} the newest; a version outside
 * what is served is a 406. The version used is echoed in both headers with {@code Vary}. The service root
 * ({@code /}) is not versioned.
 */
public class Microversions {

    public static final String PROPERTY = "jstack.compute.api-version";
    static final String HEADER = "OpenStack-API-Version";
    static final String LEGACY_HEADER = "X-OpenStack-Nova-API-Version";

    @Inject
    FaultShape faults;

    @Inject
    RequestVersion current;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 50)
    public Optional<Response> negotiate(ContainerRequestContext request) {
        if (!versioned(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        ApiVersion version;
        try {
            version = requested(request);
        } catch (ApiException e) {
            return Optional.of(faults.render(e.status(), e.getMessage()));
        }
        if (!version.served()) {
            return Optional.of(faults.render(406, "Version " + version + " is not supported by the API. Minimum is "
                    + ApiVersion.MIN + " and maximum is " + ApiVersion.MAX + "."));
        }
        request.setProperty(PROPERTY, version);
        current.set(version);
        return Optional.empty();
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object version = request.getProperty(PROPERTY);
        if (version != null) {
            response.getHeaders().putSingle(HEADER, "compute " + version);
            response.getHeaders().putSingle(LEGACY_HEADER, version.toString());
            response.getHeaders().putSingle("Vary", HEADER + ", " + LEGACY_HEADER);
        }
    }

    private static boolean versioned(String path) {
        return path.startsWith("/v2.1") || path.startsWith("v2.1");
    }

    private static ApiVersion requested(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header != null) {
            for (String part : header.split(",")) {
                String[] words = part.trim().split("\\s+");
                if (words.length == 2 && words[0].equalsIgnoreCase("compute")) {
                    return parse(words[1]);
                }
            }
        }
        String legacy = request.getHeaderString(LEGACY_HEADER);
        if (legacy != null && !legacy.isBlank()) {
            return parse(legacy);
        }
        return ApiVersion.MIN;
    }

    private static ApiVersion parse(String value) {
        return value.trim().equalsIgnoreCase("latest") ? ApiVersion.MAX : ApiVersion.parse(value);
    }
}
