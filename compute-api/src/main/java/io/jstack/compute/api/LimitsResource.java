package io.jstack.compute.api;

import io.jstack.common.RequestContext;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.Quotas;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /limits: the project's absolute limits and usage (there are no rate limits). */
@Path("/v2.1/limits")
@Produces(MediaType.APPLICATION_JSON)
public class LimitsResource {

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @Context
    UriInfo uri;

    @GET
    @WithSession
    public Uni<Map<String, Object>> limits() {
        RequestContext ctx = current.context();
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(List.of("tenant_id"));
        }
        String project = ctx.projectId();
        String asked = q.get("tenant_id");
        if (asked != null && !asked.equals(project)) {
            policy.authorize(ctx, ComputeRules.LIMITS_OTHER_PROJECT);
            project = asked;
        }
        String p = project;
        return quotas.limits(p, null).chain(limits -> quotas.usage(p, null).map(used -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("maxTotalInstances", limits.get("instances"));
            a.put("maxTotalCores", limits.get("cores"));
            a.put("maxTotalRAMSize", limits.get("ram"));
            a.put("maxServerMeta", limits.get("metadata_items"));
            if (!version.atLeast(39)) {
                a.put("maxImageMeta", limits.get("metadata_items"));
            }
            if (!version.atLeast(57)) {
                a.put("maxPersonality", limits.get("injected_files"));
                a.put("maxPersonalitySize", limits.get("injected_file_content_bytes"));
            }
            a.put("maxTotalKeypairs", limits.get("key_pairs"));
            a.put("maxServerGroups", limits.get("server_groups"));
            a.put("maxServerGroupMembers", limits.get("server_group_members"));
            if (!version.atLeast(36)) {
                a.put("maxSecurityGroups", limits.get("security_groups"));
                a.put("maxSecurityGroupRules", limits.get("security_group_rules"));
                a.put("maxTotalFloatingIps", limits.get("floating_ips"));
                a.put("totalSecurityGroupsUsed", 0);
                a.put("totalFloatingIpsUsed", 0);
            }
            a.put("totalInstancesUsed", used.instances());
            a.put("totalCoresUsed", used.cores());
            a.put("totalRAMUsed", used.ram());
            a.put("totalServerGroupsUsed", used.serverGroups());
            Map<String, Object> limitsView = new LinkedHashMap<>();
            limitsView.put("rate", List.of());
            limitsView.put("absolute", a);
            return Map.of("limits", limitsView);
        }));
    }
}
