package io.jstack.identity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.identity.model.Endpoint;
import io.jstack.identity.model.EndpointGroup;
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
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * OS-EP-FILTER endpoint groups: named filters over the catalog's endpoints (by interface, service, region), and
 * the endpoints each one selects. Cloud admins only.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EndpointGroupResource {

    static final Set<String> FIELDS = Set.of("id", "name", "description", "filters", "links");
    /** What a filter may name; the same attributes the endpoints API lists by. */
    static final Set<String> FILTERS = Set.of("interface", "service_id", "region_id");

    @Inject
    CurrentRequest current;

    @Inject
    Policy policy;

    @Context
    UriInfo uri;

    static Uni<EndpointGroup> find(String id) {
        return EndpointGroup.<EndpointGroup>findById(id).map(g -> {
            if (g == null) {
                throw ApiException.notFound("Could not find endpoint group: " + id + ".");
            }
            return g;
        });
    }

    @GET
    @Path("OS-EP-FILTER/endpoint_groups")
    @WithSession
    public Uni<Map<String, Object>> list() {
        policy.authorize(current.token(), IdentityRules.LIST_ENDPOINT_GROUPS);
        Where where = ListFilters.of(uri, ListFilters.Attribute.string("name", "name")).apply(new Where());
        String v3 = Links.v3(uri);
        return EndpointGroup.<EndpointGroup>list(where.hql("name"), where.params()).map(list ->
                Views.list("endpoint_groups", list.stream().map(g -> Views.endpointGroup(v3, g)).toList(), uri));
    }

    @GET
    @Path("OS-EP-FILTER/endpoint_groups/{id}")
    @WithSession
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.GET_ENDPOINT_GROUP);
        return find(id).map(g -> Views.one("endpoint_group", Views.endpointGroup(Links.v3(uri), g)));
    }

    @HEAD
    @Path("OS-EP-FILTER/endpoint_groups/{id}")
    @WithSession
    public Uni<Response> check(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.GET_ENDPOINT_GROUP);
        return find(id).map(g -> Response.ok().build());
    }

    @POST
    @Path("OS-EP-FILTER/endpoint_groups")
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        policy.authorize(current.token(), IdentityRules.CREATE_ENDPOINT_GROUP);
        Body body = Body.of(json, "endpoint_group");
        EndpointGroup g = new EndpointGroup();
        g.id = Ids.newId();
        g.name = body.requiredString("name", 1, 255);
        g.description = body.optionalString("description", 65535);
        g.filters = filters(body);
        g.extra = body.extras(FIELDS);
        return g.<EndpointGroup>persist().map(saved -> Response.status(201)
                .entity(Views.one("endpoint_group", Views.endpointGroup(Links.v3(uri), saved))).build());
    }

    @PATCH
    @Path("OS-EP-FILTER/endpoint_groups/{id}")
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode json) {
        policy.authorize(current.token(), IdentityRules.UPDATE_ENDPOINT_GROUP);
        Body body = Body.of(json, "endpoint_group");
        return find(id).map(g -> {
            if (body.has("name")) {
                g.name = body.requiredString("name", 1, 255);
            }
            if (body.has("description")) {
                g.description = body.optionalString("description", 65535);
            }
            if (body.has("filters")) {
                g.filters = filters(body);
            }
            g.extra = body.mergeExtras(g.extra, FIELDS);
            return Views.one("endpoint_group", Views.endpointGroup(Links.v3(uri), g));
        });
    }

    @DELETE
    @Path("OS-EP-FILTER/endpoint_groups/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.DELETE_ENDPOINT_GROUP);
        return find(id).chain(g -> EndpointGroup.delete("id", g.id)).map(ignored -> Response.noContent().build());
    }

    /** The endpoints the group's filters select. */
    @GET
    @Path("OS-EP-FILTER/endpoint_groups/{id}/endpoints")
    @WithSession
    public Uni<Map<String, Object>> endpoints(@PathParam("id") String id) {
        policy.authorize(current.token(), IdentityRules.LIST_ENDPOINTS_IN_GROUP);
        String v3 = Links.v3(uri);
        return find(id).chain(g -> {
            Map<String, Object> f = Body.readExtra(g.filters);
            Where where = new Where().eq("iface", f.get("interface")).eq("serviceId", f.get("service_id"))
                    .eq("regionId", f.get("region_id"));
            return Endpoint.<Endpoint>list(where.hql("id"), where.params());
        }).map(list -> Views.list("endpoints", list.stream().map(e -> Views.endpoint(v3, e)).toList(), uri));
    }

    /** {@code filters}: a non-empty object over {@link #FILTERS}, each a string; stored as JSON. */
    private static String filters(Body body) {
        Body filters = body.optionalObject("filters");
        if (filters == null) {
            throw Body.invalid("filters", "'filters' is a required property");
        }
        if (filters.size() == 0) {
            throw Body.invalid("filters", "at least one filter is required");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : filters.fieldNames()) {
            if (!FILTERS.contains(key)) {
                throw Body.invalid("filters", "'" + key + "' is not one of interface, service_id, region_id");
            }
            String value = filters.requiredString(key, 1, key.equals("region_id") ? 255 : 64);
            if (key.equals("interface") && !CatalogResource.INTERFACES.contains(value)) {
                throw Body.invalid("filters", "'" + value + "' is not one of public, internal, admin");
            }
            out.put(key, value);
        }
        return Body.write(out);
    }
}
