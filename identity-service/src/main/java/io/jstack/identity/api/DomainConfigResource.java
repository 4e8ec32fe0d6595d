package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.identity.model.DomainConfigOption;
import io.jstack.identity.service.DomainConfigSchema;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Policy;
import io.jstack.identity.service.Unis;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Domain-specific configuration ({@code /v3/domains/{id}/config}): a domain's own settings of the groups and
 * options {@link DomainConfigSchema} allows, as a whole, by group or by option; and the defaults they override.
 * Unsupported groups and options are refused with 403, as Keystone does; malformed bodies with 400. Sensitive
 * options are stored but never shown. Cloud admins only.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainConfigResource {

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    /** One option to store, from a request body. */
    private record Setting(String group, String option, JsonNode value) {
    }

    // ---- the whole configuration ----

    @GET
    @Path("domains/{id}/config")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String domainId) {
        policy.authorize(current.token(), IdentityRules.GET_DOMAIN_CONFIG);
        return stored(domainId).map(rows -> {
            if (rows.isEmpty()) {
                throw notFound(domainId, null, null);
            }
            return config(render(rows));
        });
    }

    /** Replaces the whole configuration: 201 when the domain had none, 200 when one was replaced. */
    @PUT
    @Path("domains/{id}/config")
    @WithTransaction
    public Uni<Response> create(@PathParam("id") String domainId, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_DOMAIN_CONFIG);
        List<Setting> settings = settings(Body.of(json, "config"));
        return stored(domainId).chain(rows -> store(domainId, rows, settings, true)
                .chain(() -> stored(domainId))
                .map(after -> Response.status(rows.isEmpty() ? 201 : 200).entity(config(render(after))).build()));
    }

    @PATCH
    @Path("domains/{id}/config")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String domainId, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_DOMAIN_CONFIG);
        List<Setting> settings = settings(Body.of(json, "config"));
        return stored(domainId).chain(rows -> {
            if (rows.isEmpty()) {
                throw notFound(domainId, null, null);
            }
            return store(domainId, rows, settings, false);
        }).chain(() -> stored(domainId)).map(after -> config(render(after)));
    }

    @DELETE
    @Path("domains/{id}/config")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String domainId) {
        policy.authorize(current.token(), IdentityRules.DELETE_DOMAIN_CONFIG);
        return stored(domainId).chain(rows -> {
            if (rows.isEmpty()) {
                throw notFound(domainId, null, null);
            }
            return DomainConfigOption.delete("domainId", domainId);
        }).map(ignored -> Response.noContent().build());
    }

    // ---- one group ----

    @GET
    @Path("domains/{id}/config/{group}")
    @WithSession
    public Uni<Map<String, Object>> getGroup(@PathParam("id") String domainId, @PathParam("group") String group) {
        policy.authorize(current.token(), IdentityRules.GET_DOMAIN_CONFIG);
        requireGroup(group);
        return stored(domainId).map(rows -> {
            Map<String, Object> shown = render(rows);
            if (!shown.containsKey(group)) {
                throw notFound(domainId, group, null);
            }
            return config(Map.of(group, shown.get(group)));
        });
    }

    /** The body names this group, and only it: {@code {"config": {"<group>": {...}}}}. */
    @PATCH
    @Path("domains/{id}/config/{group}")
    @WithTransaction
    public Uni<Map<String, Object>> updateGroup(@PathParam("id") String domainId, @PathParam("group") String group,
                                                JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_DOMAIN_CONFIG);
        requireGroup(group);
        Body body = Body.of(json, "config");
        if (!body.fieldNames().equals(List.of(group))) {
            throw Body.invalid("config", "updating group " + group + ", the config must hold that group only");
        }
        List<Setting> settings = settings(body);
        return stored(domainId).chain(rows -> {
            if (rows.stream().noneMatch(r -> r.groupName.equals(group))) {
                throw notFound(domainId, group, null);
            }
            return store(domainId, rows, settings, false);
        }).chain(() -> stored(domainId)).map(after -> config(render(after)));
    }

    @DELETE
    @Path("domains/{id}/config/{group}")
    @WithTransaction
    public Uni<Response> deleteGroup(@PathParam("id") String domainId, @PathParam("group") String group) {
        policy.authorize(current.token(), IdentityRules.DELETE_DOMAIN_CONFIG);
        requireGroup(group);
        return stored(domainId).chain(rows -> {
            if (rows.stream().noneMatch(r -> r.groupName.equals(group))) {
                throw notFound(domainId, group, null);
            }
            return DomainConfigOption.delete("domainId = ?1 and groupName = ?2", domainId, group);
        }).map(ignored -> Response.noContent().build());
    }

    // ---- one option ----

    @GET
    @Path("domains/{id}/config/{group}/{option}")
    @WithSession
    public Uni<Map<String, Object>> getOption(@PathParam("id") String domainId, @PathParam("group") String group,
                                              @PathParam("option") String option) {
        policy.authorize(current.token(), IdentityRules.GET_DOMAIN_CONFIG);
        requireOption(group, option);
        return stored(domainId).map(rows -> {
            DomainConfigOption row = find(rows, group, option);
            if (row == null || row.sensitive) {
                throw notFound(domainId, group, option);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(option, Body.parse(row.valueJson));
            return config(out);
        });
    }

    /** The body names this option, and only it: {@code {"config": {"<option>": value}}}. */
    @PATCH
    @Path("domains/{id}/config/{group}/{option}")
    @WithTransaction
    public Uni<Map<String, Object>> updateOption(@PathParam("id") String domainId, @PathParam("group") String group,
                                                 @PathParam("option") String option, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_DOMAIN_CONFIG);
        requireOption(group, option);
        Body body = Body.of(json, "config");
        if (!body.fieldNames().equals(List.of(option))) {
            throw Body.invalid("config", "updating option " + option + ", the config must hold that option only");
        }
        Setting setting = new Setting(group, option, value(option, body.raw(option)));
        return stored(domainId).chain(rows -> {
            if (find(rows, group, option) == null) {
                throw notFound(domainId, group, option);
            }
            return store(domainId, rows, List.of(setting), false);
        }).chain(() -> stored(domainId)).map(after -> config(render(after)));
    }

    @DELETE
    @Path("domains/{id}/config/{group}/{option}")
    @WithTransaction
    public Uni<Response> deleteOption(@PathParam("id") String domainId, @PathParam("group") String group,
                                      @PathParam("option") String option) {
        policy.authorize(current.token(), IdentityRules.DELETE_DOMAIN_CONFIG);
        requireOption(group, option);
        return stored(domainId).chain(rows -> {
            DomainConfigOption row = find(rows, group, option);
            if (row == null) {
                throw notFound(domainId, group, option);
            }
            return DomainConfigOption.delete("domainId = ?1 and groupName = ?2 and optionName = ?3",
                    row.domainId, row.groupName, row.optionName);
        }).map(ignored -> Response.noContent().build());
    }

    // ---- defaults ----

    @GET
    @Path("domains/config/default")
    public Map<String, Object> defaults() {
        policy.authorize(current.token(), IdentityRules.GET_DOMAIN_CONFIG_DEFAULT);
        Map<String, Object> out = new LinkedHashMap<>();
        DomainConfigSchema.groups().forEach(g -> out.put(g, DomainConfigSchema.defaults(g)));
        return config(out);
    }

    @GET
    @Path("domains/config/{group}/default")
    public Map<String, Object> groupDefaults(@PathParam("group") String group) {
        policy.authorize(current.token(), IdentityRules.GET_DOMAIN_CONFIG_DEFAULT);
        requireGroup(group);
        return config(Map.of(group, DomainConfigSchema.defaults(group)));
    }

    @GET
    @Path("domains/config/{group}/{option}/default")
    public Map<String, Object> optionDefault(@PathParam("group") String group, @PathParam("option") String option) {
        policy.authorize(current.token(), IdentityRules.GET_DOMAIN_CONFIG_DEFAULT);
        requireOption(group, option);
        if (DomainConfigSchema.isSensitive(group, option)) {
            throw ApiException.forbidden("Reading the default of the sensitive option " + option + " in group "
                    + group + " is not supported.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(option, DomainConfigSchema.defaults(group).get(option));
        return config(out);
    }

    // ---- helpers ----

    private static Map<String, Object> config(Map<String, Object> config) {
        return Map.of("config", config);
    }

    /** The domain's stored options (after checking the domain exists). */
    private static Uni<List<DomainConfigOption>> stored(String domainId) {
        return DomainResource.find(domainId).chain(d -> DomainConfigOption.<DomainConfigOption>list(
                "domainId = ?1 order by groupName, optionName", d.id));
    }

    /** The shown configuration: group to option to value, sensitive options left out, groups in schema order. */
    private static Map<String, Object> render(List<DomainConfigOption> rows) {
        Map<String, Map<String, Object>> byGroup = new HashMap<>();
        for (DomainConfigOption r : rows) {
            if (!r.sensitive) {
                byGroup.computeIfAbsent(r.groupName, k -> new LinkedHashMap<>()).put(r.optionName,
                        Body.parse(r.valueJson));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String g : DomainConfigSchema.groups()) {
            if (byGroup.containsKey(g)) {
                out.put(g, byGroup.get(g));
            }
        }
        return out;
    }

    private static DomainConfigOption find(List<DomainConfigOption> rows, String group, String option) {
        return rows.stream().filter(r -> r.groupName.equals(group) && r.optionName.equals(option)).findFirst()
                .orElse(null);
    }

    /**
     * Writes the settings over the stored rows: changed rows are updated in place (they are managed by the
     * session), new ones persisted, and, when {@code replace}, rows the settings do not name deleted.
     */
    private static Uni<Void> store(String domainId, List<DomainConfigOption> rows, List<Setting> settings,
                                   boolean replace) {
        List<Supplier<Uni<?>>> ops = new ArrayList<>();
        for (Setting s : settings) {
            DomainConfigOption row = find(rows, s.group(), s.option());
            String json = Body.write(s.value());
            if (row != null) {
                row.valueJson = json;
            } else {
                ops.add(() -> DomainConfigOption.of(domainId, s.group(), s.option(), json,
                        DomainConfigSchema.isSensitive(s.group(), s.option())).persist());
            }
        }
        if (replace) {
            for (DomainConfigOption row : rows) {
                if (settings.stream().noneMatch(s -> s.group().equals(row.groupName)
                        && s.option().equals(row.optionName))) {
                    ops.add(row::delete);
                }
            }
        }
        return Unis.inSequence(ops);
    }

    /** {@code {"<group>": {"<option>": value, ...}, ...}}: at least one group, each with at least one option. */
    private static List<Setting> settings(Body config) {
        if (config.size() == 0) {
            throw Body.invalid("config", "no options were given");
        }
        List<Setting> out = new ArrayList<>();
        for (String group : config.fieldNames()) {
            requireGroup(group);
            Body options = config.optionalObject(group);
            if (options == null || options.size() == 0) {
                throw Body.invalid(group, "a group is an object of one or more options");
            }
            for (String option : options.fieldNames()) {
                requireOption(group, option);
                out.add(new Setting(group, option, value(option, options.raw(option))));
            }
        }
        return out;
    }

    /** An option's value: a string, number, boolean, list or null; never an object. */
    private static JsonNode value(String option, JsonNode value) {
        if (value != null && value.isObject()) {
            throw Body.invalid(option, "an option's value cannot be an object");
        }
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
    }

    private static void requireGroup(String group) {
        if (!DomainConfigSchema.isGroup(group)) {
            throw ApiException.forbidden("Invalid domain specific configuration: group " + group
                    + " is not supported for domain specific configurations.");
        }
    }

    private static void requireOption(String group, String option) {
        requireGroup(group);
        if (!DomainConfigSchema.isOption(group, option)) {
            throw ApiException.forbidden("Invalid domain specific configuration: option " + option + " in group "
                    + group + " is not supported for domain specific configurations.");
        }
    }

    private static ApiException notFound(String domainId, String group, String option) {
        String what = option != null ? "option " + option + " of group " + group + " in the configuration"
                : group != null ? "group " + group + " in the configuration" : "a configuration";
        return ApiException.notFound("Could not find " + what + " of domain " + domainId + ".");
    }
}
