package io.jstack.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.auth.CurrentRequest;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.jstack.compute.model.KeyPair;
import io.jstack.compute.service.ComputeRules;
import io.jstack.compute.service.ComputeSettings;
import io.jstack.compute.service.Policy;
import io.jstack.compute.service.Quotas;
import io.jstack.compute.service.SshKeys;
import io.jstack.compute.service.X509Keys;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Key pairs, per user: create (a generated key, whose private half is returned once), import, list, show,
 * delete. Admins may act for another user with {@code user_id} (2.10).
 */
@Path("/v2.1/os-keypairs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeypairResource {

    private static final Pattern NAME = Pattern.compile("^[_\\- a-zA-Z0-9]+$");
    private static final Pattern NAME_292 = Pattern.compile("^[_\\-@. a-zA-Z0-9]+$");

    @Inject
    CurrentRequest current;

    @Inject
    RequestVersion version;

    @Inject
    Policy policy;

    @Inject
    Quotas quotas;

    @Inject
    Links links;

    @Inject
    ComputeSettings settings;

    @Context
    UriInfo uri;

    /** The user acted for: the caller, or (admins, 2.10+) the one named. */
    private String userFor(String requested, RuleDefault rule) {
        RequestContext ctx = current.context();
        String user = requested == null || !version.atLeast(10) ? ctx.userId() : requested;
        policy.authorize(ctx, rule, Target.of("user_id", user));
        return user;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list() {
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(List.of("user_id", "limit", "marker"));
        }
        String userId = userFor(q.get("user_id"), ComputeRules.KEYPAIRS_INDEX);
        boolean paged = version.atLeast(35);
        int limit = paged ? q.limit(settings.maxLimit()) : Integer.MAX_VALUE;
        String marker = paged ? q.get("marker") : null;
        Uni<Integer> after = marker == null ? Uni.createFrom().item(0)
                : KeyPair.<KeyPair>find("userId = ?1 and name = ?2", userId, marker).firstResult().map(m -> {
                    if (m == null) {
                        throw ApiException.badRequest("Marker " + marker + " could not be found.");
                    }
                    return m.id;
                });
        return after.chain(id -> KeyPair.<KeyPair>find("userId = ?1 and id > ?2 order by id", userId, id)
                .page(0, Math.max(1, limit)).list().map(l -> Query.first(l, limit))).map(list -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("keypairs", list.stream().map(k -> Map.of("keypair", brief(k))).toList());
                    if (paged && q.pageFull(list.size(), settings.maxLimit())) {
                        out.put("keypairs_links", links.next(uri, "os-keypairs", list.getLast().name));
                    }
                    return out;
                });
    }

    private Map<String, Object> brief(KeyPair k) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", k.name);
        v.put("public_key", k.publicKey);
        v.put("fingerprint", k.fingerprint);
        if (version.atLeast(2)) {
            v.put("type", k.type);
        }
        return v;
    }

    @GET
    @Path("{name}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("name") String name) {
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(List.of("user_id"));
        }
        String userId = userFor(q.get("user_id"), ComputeRules.KEYPAIRS_SHOW);
        return find(userId, name).map(k -> {
            Map<String, Object> v = brief(k);
            v.put("user_id", k.userId);
            v.put("deleted", false);
            v.put("created_at", Times.iso(k.createdAt));
            v.put("updated_at", null);
            v.put("deleted_at", null);
            v.put("id", k.id);
            return Map.of("keypair", v);
        });
    }

    private static Uni<KeyPair> find(String userId, String name) {
        return KeyPair.<KeyPair>find("userId = ?1 and name = ?2", userId, name).firstResult().map(k -> {
            if (k == null) {
                throw ApiException.notFound("Keypair " + name + " not found for user " + userId);
            }
            return k;
        });
    }

    @POST
    @WithTransaction
    public Uni<Response> create(JsonNode json) {
        Body.onlyKeys(json, List.of("keypair"));
        Body body = Body.of(json, "keypair");
        List<String> allowed = new ArrayList<>(List.of("name", "public_key"));
        if (version.atLeast(2)) {
            allowed.add("type");
        }
        if (version.atLeast(10)) {
            allowed.add("user_id");
        }
        body.only(allowed);
        String name = body.name("name", true, 255);
        if (!(version.atLeast(92) ? NAME_292 : NAME).matcher(name).matches()) {
            throw Body.invalid("name", body.raw("name"), "'" + name + "' does not match the key pair name pattern");
        }
        String publicKey = body.string("public_key", version.atLeast(92), 0, Integer.MAX_VALUE);
        String type = version.atLeast(2) ? body.string("type", false, 1, 16) : null;
        if (type == null) {
            type = "ssh";
        } else if (!type.equals("ssh") && !type.equals("x509")) {
            throw Body.invalid("type", body.raw("type"), "'" + type + "' is not one of ['ssh', 'x509']");
        }
        String userId = userFor(body.string("user_id", false, 1, 255), ComputeRules.KEYPAIRS_CREATE);
        KeyPair k = new KeyPair();
        k.name = name;
        k.userId = userId;
        k.type = type;
        k.createdAt = Instant.now();
        String privateKey;
        if (publicKey != null) {
            k.publicKey = publicKey;
            k.fingerprint = SshKeys.fingerprint(publicKey, type);
            privateKey = null;
        } else {
            SshKeys.Generated generated = type.equals("x509") ? X509Keys.generate(userId) : SshKeys.generate();
            k.publicKey = generated.publicKey();
            k.fingerprint = generated.fingerprint();
            privateKey = generated.privateKey();
        }
        String project = current.context().projectId();
        return Quotas.lock("key_pairs:" + userId)
                .chain(() -> quotas.limits(project, userId))
                .chain(limits -> KeyPair.count("userId", userId).map(used -> {
                    int limit = limits.get("key_pairs");
                    if (limit >= 0 && used + 1 > limit) {
                        throw ApiException.forbidden("Quota exceeded, too many key pairs.");
                    }
                    return used;
                }))
                .chain(() -> KeyPair.count("userId = ?1 and name = ?2", userId, name))
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("Key pair '" + name + "' already exists.");
                    }
                    return k.<KeyPair>persistAndFlush();
                }).map(saved -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("name", saved.name);
                    v.put("public_key", saved.publicKey);
                    v.put("fingerprint", saved.fingerprint);
                    v.put("user_id", saved.userId);
                    if (privateKey != null) {
                        v.put("private_key", privateKey);
                    }
                    if (version.atLeast(2)) {
                        v.put("type", saved.type);
                    }
                    return Response.status(version.atLeast(2) ? 201 : 200).entity(Map.of("keypair", v)).build();
                });
    }

    @DELETE
    @Path("{name}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("name") String name) {
        Query q = Query.of(uri);
        if (version.atLeast(75)) {
            q.only(List.of("user_id"));
        }
        String userId = userFor(q.get("user_id"), ComputeRules.KEYPAIRS_DELETE);
        return find(userId, name).chain(k -> KeyPair.delete("id", k.id))
                .map(x -> Response.status(version.atLeast(2) ? 204 : 202).build());
    }
}
