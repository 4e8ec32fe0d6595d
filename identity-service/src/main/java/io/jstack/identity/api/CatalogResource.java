package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.identity.model.CatalogService;
import io.jstack.identity.model.Endpoint;
import io.jstack.identity.model.Region;
import io.jstack.identity.service.IdentityRules;
import io.jstack.identity.service.Ids;
import io.jstack.identity.service.Policy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;
import java.util.Set;

/** The service catalog's administration: services, endpoints, regions. Reading regions is open to all users. */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogResource {

    static final Set<String> SERVICE_FIELDS = Set.of("id", "type", "name", "description", "enabled", "links");
    static final Set<String> ENDPOINT_FIELDS = Set.of("id", "service_id", "interface", "region", "region_id", "url",
            "enabled", "links");
    static final Set<String> REGION_FIELDS = Set.of("id", "description", "parent_region_id", "links");
    static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    // ---- services ----

    static Uni<CatalogService> service(String id) {
        return CatalogService.<CatalogService>findById(id).map(s -> {
            if (s == null) {
                throw ApiException.notFound("Could not find service: " + id + ".");
            }
            return s;
        });
    }

    @GET
    @Path("services")
    @WithSession
    public Uni<Map<String, Object>> services() {
        policy.authorize(current.token(), IdentityRules.LIST_SERVICES);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("type", "type"), ListFilters.Attribute.string("name", "name")).apply(new Where());
        String v3 = Links.v3(uri);
        return CatalogService.<CatalogService>list(where.hql("type"), where.params())
                .map(list -> Views.list("services", list.stream().map(s -> Views.service(v3, s)).toList(), uri));
    }

    @GET
    @Path("services/{id}")
    @WithSession
    public Uni<Map<String, Object>> getService(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.GET_SERVICE);
        return service(id).map(s -> Views.one("service", Views.service(Links.v3(uri), s)));
    }

    @POST
    @Path("services")
    @WithTransaction
    public Uni<Response> createService(JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_SERVICE);
        Body body = Body.of(json, "service");
        CatalogService s = new CatalogService();
        s.id = Ids.newId();
        s.type = body.requiredString("type", 1, 255);
        s.name = body.optionalString("name", 255);
        s.description = body.optionalString("description", 65535);
        Boolean enabled = body.optionalBoolean("enabled");
        s.enabled = enabled == null || enabled;
        s.extra = body.extras(SERVICE_FIELDS);
        return s.<CatalogService>persist().map(saved -> Response.status(201)
                .entity(Views.one("service", Views.service(Links.v3(uri), saved))).build());
    }

    @PATCH
    @Path("services/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> updateService(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_SERVICE);
        Body body = Body.of(json, "service");
        return service(id).map(s -> {
            if (body.has("type")) {
                s.type = body.requiredString("type", 1, 255);
            }
            if (body.has("name")) {
                s.name = body.optionalString("name", 255);
            }
            if (body.has("description")) {
                s.description = body.optionalString("description", 65535);
            }
            Boolean enabled = body.optionalBoolean("enabled");
            if (enabled != null) {
                s.enabled = enabled;
            }
            s.extra = body.mergeExtras(s.extra, SERVICE_FIELDS);
            return Views.one("service", Views.service(Links.v3(uri), s));
        });
    }

    @DELETE
    @Path("services/{id}")
    @WithTransaction
    public Uni<Response> deleteService(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_SERVICE);
        return service(id).chain(s -> Endpoint.delete("serviceId", s.id).chain(() -> CatalogService.delete("id", s.id)))
                .map(ignored -> Response.noContent().build());
    }

    // ---- endpoints ----

    static Uni<Endpoint> endpoint(String id) {
        return Endpoint.<Endpoint>findById(id).map(e -> {
            if (e == null) {
                throw ApiException.notFound("Could not find endpoint: " + id + ".");
            }
            return e;
        });
    }

    @GET
    @Path("endpoints")
    @WithSession
    public Uni<Map<String, Object>> endpoints() {
        policy.authorize(current.token(), IdentityRules.LIST_ENDPOINTS);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("interface", "iface"), ListFilters.Attribute.string("service_id", "serviceId"),
                ListFilters.Attribute.string("region_id", "regionId")).apply(new Where());
        String v3 = Links.v3(uri);
        return Endpoint.<Endpoint>list(where.hql("id"), where.params())
                .map(list -> Views.list("endpoints", list.stream().map(e -> Views.endpoint(v3, e)).toList(), uri));
    }

    @GET
    @Path("endpoints/{id}")
    @WithSession
    public Uni<Map<String, Object>> getEndpoint(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.GET_ENDPOINT);
        return endpoint(id).map(e -> Views.one("endpoint", Views.endpoint(Links.v3(uri), e)));
    }

    @POST
    @Path("endpoints")
    @WithTransaction
    public Uni<Response> createEndpoint(JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_ENDPOINT);
        Body body = Body.of(json, "endpoint");
        Endpoint e = new Endpoint();
        e.id = Ids.newId();
        e.serviceId = body.requiredString("service_id", 1, 64);
        e.iface = iface(body.requiredString("interface", 1, 8));
        e.url = url(body.requiredString("url", 1, 2048));
        Boolean enabled = body.optionalBoolean("enabled");
        e.enabled = enabled == null || enabled;
        String region = body.has("region_id") ? body.optionalString("region_id", 255)
                : body.optionalString("region", 255);
        e.extra = body.extras(ENDPOINT_FIELDS);
        return service(e.serviceId).onFailure(ApiException.class)
                .transform(t -> ApiException.badRequest("Invalid input for field 'service_id': no service "
                        + e.serviceId + "."))
                .chain(() -> ensureRegion(region)).chain(() -> {
                    e.regionId = region;
                    return e.<Endpoint>persist();
                }).map(saved -> Response.status(201)
                        .entity(Views.one("endpoint", Views.endpoint(Links.v3(uri), saved))).build());
    }

    @PATCH
    @Path("endpoints/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> updateEndpoint(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_ENDPOINT);
        Body body = Body.of(json, "endpoint");
        return endpoint(id).chain(e -> {
            Boolean enabled = body.optionalBoolean("enabled");
            if (enabled != null) {
                e.enabled = enabled;
            }
            if (body.has("interface")) {
                e.iface = iface(body.requiredString("interface", 1, 8));
            }
            if (body.has("url")) {
                e.url = url(body.requiredString("url", 1, 2048));
            }
            String region = body.has("region_id") ? body.optionalString("region_id", 255)
                    : body.has("region") ? body.optionalString("region", 255) : e.regionId;
            e.extra = body.mergeExtras(e.extra, ENDPOINT_FIELDS);
            Uni<?> svc = body.has("service_id") ? service(body.requiredString("service_id", 1, 64))
                    .invoke(s -> e.serviceId = s.id) : Uni.createFrom().voidItem();
            return svc.chain(() -> ensureRegion(region)).map(ignored -> {
                e.regionId = region;
                return Views.one("endpoint", Views.endpoint(Links.v3(uri), e));
            });
        });
    }

    @DELETE
    @Path("endpoints/{id}")
    @WithTransaction
    public Uni<Response> deleteEndpoint(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_ENDPOINT);
        return endpoint(id).chain(e -> Endpoint.delete("id", e.id)).map(ignored -> Response.noContent().build());
    }

    private static String iface(String value) {
        if (!INTERFACES.contains(value)) {
            throw Body.invalid("interface", "'" + value + "' is not one of public, internal, admin");
        }
        return value;
    }

    private static String url(String value) {
        if (!value.matches("(?i)^[a-z][a-z0-9+.-]*://.+")) {
            throw Body.invalid("url", "'" + value + "' is not a URL");
        }
        return value;
    }

    /** Keystone creates an endpoint's region on the fly when it does not exist yet. */
    private static Uni<Void> ensureRegion(String regionId) {
        if (regionId == null) {
            return Uni.createFrom().voidItem();
        }
        return Region.<Region>findById(regionId).chain(r -> {
            if (r != null) {
                return Uni.createFrom().voidItem();
            }
            Region created = new Region();
            created.id = regionId;
            return created.persist().replaceWithVoid();
        });
    }

    // ---- regions ----

    static Uni<Region> region(String id) {
        return Region.<Region>findById(id).map(r -> {
            if (r == null) {
                throw ApiException.notFound("Could not find region: " + id + ".");
            }
            return r;
        });
    }

    @GET
    @Path("regions")
    @WithSession
    public Uni<Map<String, Object>> regions() {
        current.token();
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("parent_region_id", "parentRegionId")).apply(new Where());
        String v3 = Links.v3(uri);
        return Region.<Region>list(where.hql("id"), where.params())
                .map(list -> Views.list("regions", list.stream().map(r -> Views.region(v3, r)).toList(), uri));
    }

    @GET
    @Path("regions/{id}")
    @WithSession
    public Uni<Map<String, Object>> getRegion(@PathParam("id") String id) {
        current.token();
        return region(id).map(r -> Views.one("region", Views.region(Links.v3(uri), r)));
    }

    @POST
    @Path("regions")
    @WithTransaction
    public Uni<Response> createRegion(JsonNode json) {
        Body body = Body.of(json, "region");
        String id = body.optionalString("id", 255);
        return storeRegion(id != null ? id : Ids.newId(), body);
    }

    @PUT
    @Path("regions/{id}")
    @WithTransaction
    public Uni<Response> putRegion(@PathParam("id") String id, JsonNode json) {
        Body body = Body.of(json, "region");
        if (body.has("id") && !id.equals(body.optionalString("id", 255))) {
            throw Body.invalid("id", "the id in the body differs from the one in the URL");
        }
        return storeRegion(id, body);
    }

    private Uni<Response> storeRegion(String id, Body body) {
        policy.authorize(current.token(), IdentityRules.CREATE_REGION);
        Region r = new Region();
        r.id = id;
        r.description = body.optionalString("description", 255);
        r.parentRegionId = body.optionalString("parent_region_id", 255);
        r.extra = body.extras(REGION_FIELDS);
        Uni<?> parent = r.parentRegionId == null ? Uni.createFrom().voidItem() : region(r.parentRegionId)
                .onFailure(ApiException.class).transform(t -> ApiException.badRequest(
                        "Invalid input for field 'parent_region_id': no region " + r.parentRegionId + "."));
        return parent.chain(() -> Region.findById(r.id)).chain(existing -> {
            if (existing != null) {
                throw ApiException.conflict("Conflict occurred attempting to store region - Duplicate ID, " + r.id + ".");
            }
            return r.<Region>persist();
        }).map(saved -> Response.status(201).entity(Views.one("region", Views.region(Links.v3(uri), saved))).build());
    }

    @PATCH
    @Path("regions/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> updateRegion(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_REGION);
        Body body = Body.of(json, "region");
        return region(id).chain(r -> {
            if (body.has("description")) {
                r.description = body.optionalString("description", 255);
            }
            String parent = body.has("parent_region_id") ? body.optionalString("parent_region_id", 255)
                    : r.parentRegionId;
            if (id.equals(parent)) {
                throw Body.invalid("parent_region_id", "a region cannot be its own parent");
            }
            r.extra = body.mergeExtras(r.extra, REGION_FIELDS);
            Uni<?> check = parent == null ? Uni.createFrom().voidItem() : region(parent);
            return check.map(ignored -> {
                r.parentRegionId = parent;
                return Views.one("region", Views.region(Links.v3(uri), r));
            });
        });
    }

    @DELETE
    @Path("regions/{id}")
    @WithTransaction
    public Uni<Response> deleteRegion(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_REGION);
        return region(id).chain(r -> Region.count("parentRegionId", r.id).chain(children -> {
            if (children > 0) {
                throw ApiException.forbidden("Unable to delete region " + r.id + " because it has child regions.");
            }
            return Endpoint.update("regionId = null where regionId = ?1", r.id);
        }).chain(() -> Region.delete("id", r.id))).map(ignored -> Response.noContent().build());
    }
}
