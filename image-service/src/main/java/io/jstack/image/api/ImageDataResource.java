package io.jstack.image.api;

import io.jstack.common.api.ApiException;
import io.jstack.common.api.MediaTypes;
import io.jstack.image.service.Downloads;
import io.jstack.image.service.ImageSettings;
import io.jstack.image.service.Uploads;
import io.jstack.image.store.ImageStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.PathPart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Image data: {@code PUT /v2/images/{id}/file} (upload), {@code GET} (download, ranges too) and
 * {@code PUT /v2/images/{id}/stage} (glance-direct staging). Bodies are never read into memory: the methods take
 * no body parameter, so the request stays paused until the upload is allowed, then streams (see
 * {@link RequestBody}); downloads of local files go out with sendfile.
 */
@Path("/v2/images/{id}")
public class ImageDataResource {

    @Inject
    Callers callers;

    @Inject
    Uploads uploads;

    @Inject
    Downloads downloads;

    @Inject
    ImageStore store;

    @Inject
    ImageSettings settings;

    @PUT
    @Path("file")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> upload(@PathParam("id") String id, @Context HttpServerRequest request) {
        // whatever the outcome, an unread body must not be taken for the next request on this connection
        request.response().putHeader("Connection", "close");
        String target = request.getHeader("X-Image-Meta-Store");
        if (target != null && !target.equals(store.id())) {
            throw ApiException.badRequest("Store for identifier " + target + " not found");
        }
        return receive(id, request, Uploads.Kind.FILE);
    }

    @PUT
    @Path("stage")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> stage(@PathParam("id") String id, @Context HttpServerRequest request) {
        request.response().putHeader("Connection", "close");
        if (!settings.imports().methods().contains("glance-direct")) {
            throw ApiException.notFound("'glance-direct' method is not available at this site.");
        }
        return receive(id, request, Uploads.Kind.STAGE);
    }

    private Uni<Response> receive(String id, HttpServerRequest request, Uploads.Kind kind) {
        String type = request.getHeader("Content-Type");
        if (!MediaTypes.essence(type).equals(MediaType.APPLICATION_OCTET_STREAM)) {
            throw ApiException.unsupportedMediaType("Content type '" + type + "' is not supported for image "
                    + "data: use application/octet-stream.");
        }
        Long length = contentLength(request.getHeader("Content-Length"));
        String md5 = contentMd5(request.getHeader("Content-MD5"));
        var context = Vertx.currentContext();
        long high = settings.transfer().blockSize().asLongValue() * Math.max(2, settings.transfer().blocks());
        Uploads.Request upload = new Uploads.Request(length, md5,
                () -> RequestBody.attach(request, context, high, settings.transfer().idleTimeout()));
        return uploads.receive(callers.get(), id, kind, upload).map(ignored -> {
            request.response().headers().remove("Connection");
            return Response.noContent().build();
        });
    }

    private static Long contentLength(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid Content-Length: " + header);
        }
    }

    /** Content-MD5 as RFC 1864 (base64 of the digest) or as Glance shows checksums (hex). */
    static String contentMd5(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        if (v.matches("[0-9a-fA-F]{32}")) {
            return v.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] digest = Base64.getDecoder().decode(v);
            if (digest.length == 16) {
                return HexFormat.of().formatHex(digest);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ApiException.badRequest("Invalid Content-MD5: " + header);
    }

    @GET
    @Path("file")
    @WithSession
    public Uni<Response> download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        var context = Vertx.currentContext();
        return downloads.authorize(callers.get(), id).chain(d -> {
            if (d.location() == null || d.image().size == null) {
                return Uni.createFrom().item(Response.noContent().build());
            }
            long size = d.image().size;
            ByteRange r = ByteRange.parse(range, size);
            // opening a file blocks: on a worker, then back to the request's context, where its session ends
            return Uni.createFrom().item(() -> open(d, r, size))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .emitOn(io.jstack.image.service.Contexts.on(context));
        });
    }

    private Response open(Downloads.Download d, ByteRange r, long size) {
        ImageStore.Data data;
        try {
            data = store.open(d.location(), r == null ? 0 : r.start(), r == null ? size : r.length());
        } catch (IOException e) {
            // the record says active but the data is gone: Glance answers 204 for missing data
            return Response.noContent().build();
        }
        Object entity = data.file().isPresent()
                ? new PathPart(data.file().get(), data.offset(), data.length())
                : (StreamingOutput) out -> {
                    try (data; InputStream in = Channels.newInputStream(data.channel())) {
                        in.transferTo(out);
                    }
                };
        Response.ResponseBuilder b = Response.status(r == null ? 200 : 206).entity(entity)
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", data.length());
        if (r != null) {
            b.header("Content-Range", "bytes " + r.start() + "-" + (r.start() + r.length() - 1) + "/" + size);
        } else if (d.image().checksum != null) {
            b.header("Content-MD5", d.image().checksum);
        }
        if (data.file().isPresent()) {
            try {
                data.close();
            } catch (IOException ignored) {
                // nothing was opened
            }
        }
        return b.build();
    }
}
