package io.jstack.image.api;

import io.jstack.image.service.MetadefContents;
import io.jstack.image.service.MetadefNamespaces;
import io.jstack.image.service.MetadefResourceTypes;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2/metadefs}: namespaces, their properties, objects and tags, and resource types. */
@Path("/v2/metadefs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class MetadefResource {

    @Inject
    Callers callers;

    @Inject
    MetadefNamespaces namespaces;

    @Inject
    MetadefContents contents;

    @Inject
    MetadefResourceTypes resourceTypes;

    // ---- namespaces ---------------------------------------------------------------------------------------------

    @GET
    @Path("namespaces")
    @WithSession
    public Uni<Map<String, Object>> namespaces(@QueryParam("visibility") String visibility,
                                               @QueryParam("resource_types") String types) {
        List<String> wanted = types == null ? null : Arrays.stream(types.split(",")).map(String::trim).toList();
        return namespaces.list(callers.get(), visibility, wanted).map(list -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("namespaces", list.stream().map(d -> MetadefView.namespace(d, false)).toList());
            out.put("first", "/v2/metadefs/namespaces");
            out.put("schema", "/v2/schemas/metadefs/namespaces");
            return out;
        });
    }

    @POST
    @Path("namespaces")
    @WithTransaction
    public Uni<Response> createNamespace(byte[] body) {
        var spec = MetadefRequests.namespace(body);
        return namespaces.create(callers.get(), spec)
                .map(d -> Response.status(201).entity(MetadefView.namespace(d, true)).build());
    }

    @GET
    @Path("namespaces/{ns}")
    @WithSession
    public Uni<Map<String, Object>> namespace(@PathParam("ns") String ns) {
        return namespaces.show(callers.get(), ns).map(d -> MetadefView.namespace(d, true));
    }

    @PUT
    @Path("namespaces/{ns}")
    @WithTransaction
    public Uni<Map<String, Object>> updateNamespace(@PathParam("ns") String ns, byte[] body) {
        var spec = MetadefRequests.namespace(body);
        return namespaces.update(callers.get(), ns, spec).map(d -> MetadefView.namespace(d, true));
    }

    @DELETE
    @Path("namespaces/{ns}")
    @WithTransaction
    public Uni<Response> deleteNamespace(@PathParam("ns") String ns) {
        return namespaces.delete(callers.get(), ns).map(ignored -> Response.noContent().build());
    }

    // ---- properties ---------------------------------------------------------------------------------------------

    @GET
    @Path("namespaces/{ns}/properties")
    @WithSession
    public Uni<Map<String, Object>> properties(@PathParam("ns") String ns) {
        return contents.properties(callers.get(), ns).map(list -> Map.of("properties",
                MetadefView.properties(list)));
    }

    @POST
    @Path("namespaces/{ns}/properties")
    @WithTransaction
    public Uni<Response> createProperty(@PathParam("ns") String ns, byte[] body) {
        var spec = MetadefRequests.property(body);
        return contents.addProperty(callers.get(), ns, spec)
                .map(p -> Response.status(201).entity(MetadefView.property(p)).build());
    }

    @GET
    @Path("namespaces/{ns}/properties/{name}")
    @WithSession
    public Uni<Map<String, Object>> property(@PathParam("ns") String ns, @PathParam("name") String name) {
        return contents.property(callers.get(), ns, name).map(MetadefView::property);
    }

    @PUT
    @Path("namespaces/{ns}/properties/{name}")
    @WithTransaction
    public Uni<Map<String, Object>> updateProperty(@PathParam("ns") String ns, @PathParam("name") String name,
                                                   byte[] body) {
        var spec = MetadefRequests.property(body);
        return contents.updateProperty(callers.get(), ns, name, spec).map(MetadefView::property);
    }

    @DELETE
    @Path("namespaces/{ns}/properties/{name}")
    @WithTransaction
    public Uni<Response> deleteProperty(@PathParam("ns") String ns, @PathParam("name") String name) {
        return contents.deleteProperty(callers.get(), ns, name).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("namespaces/{ns}/properties")
    @WithTransaction
    public Uni<Response> deleteProperties(@PathParam("ns") String ns) {
        return contents.deleteAll(callers.get(), ns, "properties").map(ignored -> Response.noContent().build());
    }

    // ---- objects ------------------------------------------------------------------------------------------------

    @GET
    @Path("namespaces/{ns}/objects")
    @WithSession
    public Uni<Map<String, Object>> objects(@PathParam("ns") String ns) {
        return contents.objects(callers.get(), ns).map(list -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("objects", list.stream().map(o -> MetadefView.object(ns, o)).toList());
            out.put("schema", "/v2/schemas/metadefs/objects");
            return out;
        });
    }

    @POST
    @Path("namespaces/{ns}/objects")
    @WithTransaction
    public Uni<Response> createObject(@PathParam("ns") String ns, byte[] body) {
        var spec = MetadefRequests.object(body);
        return contents.addObject(callers.get(), ns, spec)
                .map(o -> Response.status(201).entity(MetadefView.object(ns, o)).build());
    }

    @GET
    @Path("namespaces/{ns}/objects/{name}")
    @WithSession
    public Uni<Map<String, Object>> object(@PathParam("ns") String ns, @PathParam("name") String name) {
        return contents.object(callers.get(), ns, name).map(o -> MetadefView.object(ns, o));
    }

    @PUT
    @Path("namespaces/{ns}/objects/{name}")
    @WithTransaction
    public Uni<Map<String, Object>> updateObject(@PathParam("ns") String ns, @PathParam("name") String name,
                                                 byte[] body) {
        var spec = MetadefRequests.object(body);
        return contents.updateObject(callers.get(), ns, name, spec).map(o -> MetadefView.object(ns, o));
    }

    @DELETE
    @Path("namespaces/{ns}/objects/{name}")
    @WithTransaction
    public Uni<Response> deleteObject(@PathParam("ns") String ns, @PathParam("name") String name) {
        return contents.deleteObject(callers.get(), ns, name).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("namespaces/{ns}/objects")
    @WithTransaction
    public Uni<Response> deleteObjects(@PathParam("ns") String ns) {
        return contents.deleteAll(callers.get(), ns, "objects").map(ignored -> Response.noContent().build());
    }

    // ---- tags ---------------------------------------------------------------------------------------------------

    @GET
    @Path("namespaces/{ns}/tags")
    @WithSession
    public Uni<Map<String, Object>> tags(@PathParam("ns") String ns) {
        return contents.tags(callers.get(), ns).map(list -> Map.of("tags",
                list.stream().map(MetadefView::tag).toList()));
    }

    @POST
    @Path("namespaces/{ns}/tags")
    @WithTransaction
    public Uni<Response> createTags(@PathParam("ns") String ns, @HeaderParam("X-Openstack-Append") String append,
                                    byte[] body) {
        List<String> names = MetadefRequests.tagNames(body);
        return contents.replaceTags(callers.get(), ns, names, "true".equalsIgnoreCase(append))
                .map(list -> Response.status(201).entity(Map.of("tags",
                        list.stream().map(t -> Map.of("name", t.name)).toList())).build());
    }

    @DELETE
    @Path("namespaces/{ns}/tags")
    @WithTransaction
    public Uni<Response> deleteTags(@PathParam("ns") String ns) {
        return contents.deleteAll(callers.get(), ns, "tags").map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("namespaces/{ns}/tags/{name}")
    @WithTransaction
    public Uni<Response> createTag(@PathParam("ns") String ns, @PathParam("name") String name) {
        return contents.addTag(callers.get(), ns, name)
                .map(t -> Response.status(201).entity(MetadefView.tag(t)).build());
    }

    @GET
    @Path("namespaces/{ns}/tags/{name}")
    @WithSession
    public Uni<Map<String, Object>> tag(@PathParam("ns") String ns, @PathParam("name") String name) {
        return contents.tag(callers.get(), ns, name).map(MetadefView::tag);
    }

    @PUT
    @Path("namespaces/{ns}/tags/{name}")
    @WithTransaction
    public Uni<Map<String, Object>> updateTag(@PathParam("ns") String ns, @PathParam("name") String name,
                                              byte[] body) {
        String newName = MetadefRequests.text(Json.object(body), "name", 255, true);
        return contents.renameTag(callers.get(), ns, name, newName).map(MetadefView::tag);
    }

    @DELETE
    @Path("namespaces/{ns}/tags/{name}")
    @WithTransaction
    public Uni<Response> deleteTag(@PathParam("ns") String ns, @PathParam("name") String name) {
        return contents.deleteTag(callers.get(), ns, name).map(ignored -> Response.noContent().build());
    }

    // ---- resource types -----------------------------------------------------------------------------------------

    @GET
    @Path("resource_types")
    @WithSession
    public Uni<Map<String, Object>> resourceTypes() {
        return resourceTypes.list(callers.get()).map(list -> Map.of("resource_types",
                list.stream().map(MetadefView::resourceType).toList()));
    }

    @GET
    @Path("namespaces/{ns}/resource_types")
    @WithSession
    public Uni<Map<String, Object>> associations(@PathParam("ns") String ns) {
        return resourceTypes.ofNamespace(callers.get(), ns).map(list -> Map.of("resource_type_associations",
                list.stream().map(MetadefView::association).toList()));
    }

    @POST
    @Path("namespaces/{ns}/resource_types")
    @WithTransaction
    public Uni<Response> associate(@PathParam("ns") String ns, byte[] body) {
        var request = MetadefRequests.association(Json.object(body));
        return resourceTypes.associate(callers.get(), ns, request)
                .map(a -> Response.status(201).entity(MetadefView.association(a)).build());
    }

    @DELETE
    @Path("namespaces/{ns}/resource_types/{type}")
    @WithTransaction
    public Uni<Response> dissociate(@PathParam("ns") String ns, @PathParam("type") String type) {
        return resourceTypes.dissociate(callers.get(), ns, type).map(ignored -> Response.noContent().build());
    }
}
