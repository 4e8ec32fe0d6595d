package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.compute.model.Flavor;
import io.jstack.compute.model.FlavorExtraSpec;
import io.jstack.compute.model.FlavorProject;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Flavors;
import io.jstack.compute.service.Hql;
import io.jstack.compute.service.Policy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Flavors: list (brief and detail), show, create, update (description), delete, and the access of private ones. */
@Path("/v2.1/flavors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FlavorResource {

    private static final Pattern FLAVOR_ID = Pattern.compile("^(?! )[a-zA-Z0-9. _-]+(?<! )$");
    private static final long MAX_INT = Integer.MAX_VALUE;
    private static final Map<String, String> SORT_KEYS = Map.ofEntries(
            Map.entry("created_at", "createdAt"), Map.entry("description", "description"),
            Map.entry("disabled", "disabled"), Map.entry("ephemeral_gb", "ephemeralGb"),
            Map.entry("flavorid", "flavorid"), Map.entry("id", "id"), Map.entry("is_public", "isPublic"),
            Map.entry("memory_mb", "memoryMb"), Map.entry("name", "name"), Map.entry("root_gb", "rootGb"),
            Map.entry("rxtx_factor", "rxtxFactor"), Map.entry("swap", "swap"),
            Map.entry("updated_at", "updatedAt"), Map.entry("vcpu_weight", "id"), Map.entry("vcpus", "vcpus"));
    private static final Set<String> QUERY = Set.of("limit", "marker", "is_public", "minRam", "minDisk",
            "sort_key", "sort_dir");

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Flavors flavors;

    @Inject
    Links links;

    @Inject
    ComputeSettings settings;

    @Context
    UriInfo uri;

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        return page().chain(list -> Uni.createFrom().item(listView(list, false, Map.of())));
    }

    @GET
    @Path("detail")
    @WithSession
    public Uni<Map<String, Object>> detail() {
        return page().chain(list -> (version.atLeast(61)
                ? Flavors.extraSpecs(list.stream().map(f -> f.id).toList())
                : Uni.createFrom().item(Map.<Integer, Map<String, String>>of()))
                .map(specs -> listView(list, true, specs)));
    }

    private Map<String, Object> listView(List<Flavor> list, boolean detail, Map<Integer, Map<String, String>> specs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flavors", list.stream().map(f -> detail ? FlavorView.detail(f, specs.getOrDefault(f.id, Map.of()),
                version.get(), links.of(uri, "flavors", f.flavorid)) : brief(f)).toList());
        Query q = Query.of(uri);
        if (q.pageFull(list.size(), settings.maxLimit())) {
            out.put("flavors_links", links.next(uri, detail ? "flavors/detail" : "flavors", list.getLast().flavorid));
        }
        return out;
    }

    private Map<String, Object> brief(Flavor f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", f.flavorid);
        v.put("name", f.name);
        v.put("links", links.of(uri, "flavors", f.flavorid));
        if (version.atLeast(55)) {
            v.put("description", f.description);
        }
        return v;
    }

    /** The flavors this caller may list, filtered, sorted and paged as Nova does. */
    private Uni<List<Flavor>> page() {
        RequestContext ctx = current.context();
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(QUERY);
        }
        Hql where = new Hql();
        boolean admin = policy.isAdmin(ctx);
        Boolean isPublic = admin ? parseIsPublic(q.get("is_public")) : Boolean.TRUE;
        if (Boolean.TRUE.equals(isPublic)) {
            where.and("(f.isPublic = true or exists (select 1 from FlavorProject p where p.flavorId = f.id "
                    + "and p.projectId = {}))", ctx.projectId() == null ? "" : ctx.projectId());
        } else if (Boolean.FALSE.equals(isPublic)) {
            where.and("f.isPublic = false");
        }
        if (!admin) {
            where.and("f.disabled = false");
        }
        if (q.has("minRam")) {
            where.and("f.memoryMb >= {}", intFilter("minRam", q.get("minRam")));
        }
        if (q.has("minDisk")) {
            where.and("f.rootGb >= {}", intFilter("minDisk", q.get("minDisk")));
        }
        String sortKey = q.get("sort_key") == null || q.get("sort_key").isEmpty() ? "flavorid" : q.get("sort_key");
        String sortDir = q.get("sort_dir") == null || q.get("sort_dir").isEmpty() ? "asc" : q.get("sort_dir");
        String field = SORT_KEYS.get(sortKey);
        if (field == null) {
            throw ApiException.badRequest("Invalid input for query parameters sort_key. Value: " + sortKey
                    + ". '" + sortKey + "' is not one of " + SORT_KEYS.keySet());
        }
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw ApiException.badRequest("Invalid input for query parameters sort_dir. Value: " + sortDir
                    + ". '" + sortDir + "' is not one of ['asc', 'desc']");
        }
        int limit = q.limit(settings.maxLimit());
        String marker = q.get("marker");
        String order = " order by f." + field + " " + sortDir + ", f.id " + sortDir;
        Uni<Hql> withMarker = Uni.createFrom().item(where);
        if (marker != null) {
            withMarker = Flavor.<Flavor>find("flavorid", marker).firstResult().map(m -> {
                if (m == null) {
                    throw ApiException.badRequest("marker [" + marker + "] not found");
                }
                String cmp = sortDir.equals("asc") ? ">" : "<";
                Object value = markerValue(m, field);
                return where.and("(f." + field + " " + cmp + " {} or (f." + field + " = {} and f.id " + cmp
                        + " {}))", value, value, m.id);
            });
        }
        return withMarker.chain(w -> Flavor.<Flavor>find("from Flavor f where " + w.where() + order, w.params())
                .page(0, Math.max(1, limit)).list().map(l -> Query.first(l, limit)));
    }

    private static Object markerValue(Flavor m, String field) {
        return switch (field) {
            case "createdAt" -> m.createdAt;
            case "description" -> m.description == null ? "" : m.description;
            case "disabled" -> m.disabled;
            case "ephemeralGb" -> m.ephemeralGb;
            case "flavorid" -> m.flavorid;
            case "isPublic" -> m.isPublic;
            case "memoryMb" -> m.memoryMb;
            case "name" -> m.name;
            case "rootGb" -> m.rootGb;
            case "rxtxFactor" -> m.rxtxFactor;
            case "swap" -> m.swap;
            case "updatedAt" -> m.updatedAt == null ? m.createdAt : m.updatedAt;
            case "vcpus" -> m.vcpus;
            default -> m.id;
        };
    }

    private static int intFilter(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + " filter [" + value + "]");
        }
    }

    /** Admins' is_public filter: absent = public only, "none" = all, otherwise a boolean. */
    private static Boolean parseIsPublic(String value) {
        if (value == null) {
            return Boolean.TRUE;
        }
        String v = value.trim().toLowerCase();
        if (v.equals("none")) {
            return null;
        }
        if (Set.of("1", "t", "true", "on", "y", "yes").contains(v)) {
            return Boolean.TRUE;
        }
        if (Set.of("0", "f", "false", "off", "n", "no").contains(v)) {
            return Boolean.FALSE;
        }
        throw ApiException.badRequest("Invalid is_public filter [" + value + "]");
    }

    @GET
    @Path("{id}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id) {
        return flavors.find(current.context(), id).chain(this::render);
    }

    private Uni<Map<String, Object>> render(Flavor f) {
        Uni<Map<String, String>> specs = version.atLeast(61) ? Flavors.extraSpecs(f.id)
                : Uni.createFrom().item(Map.of());
        return specs.map(s -> Map.of("flavor", FlavorView.detail(f, s, version.get(),
                links.of(uri, "flavors", f.flavorid))));
    }

    @POST
    @WithTransaction
    public Uni<Map<String, Object>> create(JsonNode json) {
        RequestContext ctx = current.context();
        policy.authorize(ctx, ComputeRules.FLAVOR_CREATE);
        Body.onlyKeys(json, List.of("flavor"));
        Body body = Body.of(json, "flavor");
        List<String> allowed = new java.util.ArrayList<>(List.of("name", "id", "ram", "vcpus", "disk",
                "OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor", "os-flavor-access:is_public"));
        if (version.atLeast(55)) {
            allowed.add("description");
        }
        body.only(allowed);
        Flavor f = new Flavor();
        f.name = body.name("name", true, 255);
        f.flavorid = flavorId(body.raw("id"));
        f.memoryMb = body.integer("ram", true, 1, MAX_INT);
        f.vcpus = body.integer("vcpus", true, 1, MAX_INT);
        f.rootGb = body.integer("disk", true, 0, MAX_INT);
        Integer ephemeral = body.integer("OS-FLV-EXT-DATA:ephemeral", false, 0, MAX_INT);
        f.ephemeralGb = ephemeral == null ? 0 : ephemeral;
        Integer swap = body.integer("swap", false, 0, MAX_INT);
        f.swap = swap == null ? 0 : swap;
        Double rxtx = body.number("rxtx_factor", Double.MIN_VALUE, 3.40282e+38);
        f.rxtxFactor = rxtx == null ? 1.0 : rxtx;
        Boolean isPublic = body.bool("os-flavor-access:is_public");
        f.isPublic = isPublic == null || isPublic;
        if (version.atLeast(55)) {
            f.description = body.nullableString("description", 0, 65535);
        }
        f.createdAt = Instant.now();
        return Flavor.count("name", f.name).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Flavor with name " + f.name + " already exists.");
            }
            return Flavor.count("flavorid", f.flavorid);
        }).chain(n -> {
            if (n > 0) {
                throw ApiException.conflict("Flavor with ID " + f.flavorid + " already exists.");
            }
            return f.<Flavor>persistAndFlush();
        }).map(saved -> Map.of("flavor", FlavorView.detail(saved, Map.of(), version.get(),
                links.of(uri, "flavors", saved.flavorid))));
    }

    private static String flavorId(JsonNode id) {
        if (id == null || id.isNull()) {
            return UUID.randomUUID().toString();
        }
        String text = id.isNumber() ? id.asText() : id.isTextual() ? id.textValue() : null;
        if (text == null || text.isEmpty() || text.length() > 255 || !FLAVOR_ID.matcher(text).matches()) {
            throw Body.invalid("id", id, "'" + id.asText() + "' does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'");
        }
        return text;
    }

    @PUT
    @Path("{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        RequestContext ctx = current.context();
        if (!version.atLeast(55)) {
            throw new ApiException(405, "The method is not allowed for this resource.");
        }
        policy.authorize(ctx, ComputeRules.FLAVOR_UPDATE);
        Body.onlyKeys(json, List.of("flavor"));
        Body body = Body.of(json, "flavor").only(List.of("description")).requireField("description");
        String description = body.nullableString("description", 0, 65535);
        return flavors.require(id).chain(f -> {
            f.description = description;
            f.updatedAt = Instant.now();
            return render(f);
        });
    }

    @DELETE
    @Path("{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.authorize(current.context(), ComputeRules.FLAVOR_DELETE);
        return flavors.require(id).chain(f -> Flavor.delete("id", f.id)).map(x -> Response.accepted().build());
    }

    // ---- flavor access ---------------------------------------------------------------------------------------

    @GET
    @Path("{id}/os-flavor-access")
    @WithSession
    public Uni<Map<String, Object>> access(@PathParam("id") String id) {
        policy.authorize(current.context(), ComputeRules.FLAVOR_ACCESS);
        return flavors.require(id).chain(f -> {
            if (f.isPublic) {
                throw ApiException.notFound("Access list not available for public flavors.");
            }
            return accessView(f);
        });
    }

    private Uni<Map<String, Object>> accessView(Flavor f) {
        return FlavorProject.<FlavorProject>list("flavorId = ?1 order by projectId", f.id).map(list ->
                Map.of("flavor_access", list.stream().map(p -> Map.of("flavor_id", f.flavorid,
                        "tenant_id", p.projectId)).toList()));
    }

    @POST
    @Path("{id}/action")
    @WithTransaction
    public Uni<Map<String, Object>> action(@PathParam("id") String id, JsonNode json) {
        RequestContext ctx = current.context();
        if (json == null || !json.isObject() || json.size() != 1) {
            throw ApiException.badRequest("There is no such action: " + (json == null ? "" : json.fieldNames()));
        }
        String action = json.fieldNames().next();
        boolean add = switch (action) {
            case "addTenantAccess" -> true;
            case "removeTenantAccess" -> false;
            default -> throw ApiException.badRequest("There is no such action: " + action);
        };
        policy.authorize(ctx, add ? ComputeRules.FLAVOR_ACCESS_ADD : ComputeRules.FLAVOR_ACCESS_REMOVE);
        Body body = Body.of(json, action).only(List.of("tenant")).requireField("tenant");
        String tenant = body.string("tenant", true, 1, 255);
        return flavors.require(id).chain(f -> {
            if (f.isPublic) {
                throw ApiException.conflict(add ? "Can not add access to a public flavor."
                        : "Can not remove access from a public flavor.");
            }
            return FlavorProject.count("flavorId = ?1 and projectId = ?2", f.id, tenant).chain(n -> {
                if (add) {
                    if (n > 0) {
                        throw ApiException.conflict("Flavor access already exists for flavor " + f.flavorid
                                + " and project " + tenant + " combination.");
                    }
                    return FlavorProject.of(f.id, tenant).persistAndFlush().replaceWithVoid();
                }
                if (n == 0) {
                    throw ApiException.notFound("Flavor access not found for " + f.flavorid + " / " + tenant
                            + " combination.");
                }
                return FlavorProject.delete("flavorId = ?1 and projectId = ?2", f.id, tenant).replaceWithVoid();
            }).chain(() -> accessView(f));
        });
    }

    // ---- extra specs -----------------------------------------------------------------------------------------

    @GET
    @Path("{id}/os-extra_specs")
    @WithSession
    public Uni<Map<String, Object>> extraSpecs(@PathParam("id") String id) {
        return flavors.find(current.context(), id).chain(f -> Flavors.extraSpecs(f.id))
                .map(specs -> Map.of("extra_specs", specs));
    }

    @GET
    @Path("{id}/os-extra_specs/{key}")
    @WithSession
    public Uni<Map<String, Object>> extraSpec(@PathParam("id") String id, @PathParam("key") String key) {
        return flavors.find(current.context(), id).chain(f -> FlavorExtraSpec.<FlavorExtraSpec>find(
                "flavorId = ?1 and specKey = ?2", f.id, key).firstResult().map(s -> {
                    if (s == null) {
                        throw ApiException.notFound("Flavor " + id + " has no extra specs with key " + key + ".");
                    }
                    return Map.<String, Object>of(key, s.specValue);
                }));
    }

    @POST
    @Path("{id}/os-extra_specs")
    @WithTransaction
    public Uni<Map<String, Object>> setExtraSpecs(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.context(), ComputeRules.EXTRA_SPECS_CREATE);
        Body.onlyKeys(json, List.of("extra_specs"));
        Map<String, String> specs = ExtraSpecs.parse(json.get("extra_specs"), version.get());
        return flavors.require(id).chain(f -> store(f, specs)).map(x -> Map.of("extra_specs", specs));
    }

    @PUT
    @Path("{id}/os-extra_specs/{key}")
    @WithTransaction
    public Uni<Map<String, Object>> setExtraSpec(@PathParam("id") String id, @PathParam("key") String key,
                                                 JsonNode json) {
        policy.authorize(current.context(), ComputeRules.EXTRA_SPECS_UPDATE);
        Map<String, String> specs = ExtraSpecs.parse(json, version.get());
        if (specs.size() != 1) {
            throw ApiException.badRequest("Request body contains too many items");
        }
        if (!specs.containsKey(key)) {
            throw ApiException.badRequest("Request body and URI mismatch");
        }
        return flavors.require(id).chain(f -> store(f, specs)).map(x -> Map.of(key, specs.get(key)));
    }

    private static Uni<Void> store(Flavor f, Map<String, String> specs) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> e : specs.entrySet()) {
            chain = chain.chain(() -> FlavorExtraSpec.delete("flavorId = ?1 and specKey = ?2", f.id, e.getKey()))
                    .chain(() -> FlavorExtraSpec.of(f.id, e.getKey(), e.getValue()).persistAndFlush())
                    .replaceWithVoid();
        }
        return chain;
    }

    @DELETE
    @Path("{id}/os-extra_specs/{key}")
    @WithTransaction
    public Uni<Response> unsetExtraSpec(@PathParam("id") String id, @PathParam("key") String key) {
        policy.authorize(current.context(), ComputeRules.EXTRA_SPECS_DELETE);
        return flavors.require(id).chain(f -> FlavorExtraSpec.delete("flavorId = ?1 and specKey = ?2", f.id, key))
                .map(n -> {
                    if (n == 0) {
                        throw ApiException.notFound("Flavor " + id + " has no extra specs with key " + key + ".");
                    }
                    return Response.ok().build();
                });
    }
}
