package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.compute.model.Instance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Looking servers up as the caller may see them. */
@ApplicationScoped
public class Servers {

    @Inject
    Policy policy;

    /** A live instance of the caller's project (any project for admins), or a 404. */
    public Uni<Instance> find(RequestContext ctx, String uuid) {
        return Instance.<Instance>findById(uuid).map(i -> {
            if (i == null || i.deleted || (!policy.isAdmin(ctx) && !i.projectId.equals(ctx.projectId()))) {
                throw notFound(uuid);
            }
            return i;
        });
    }

    public static ApiException notFound(String uuid) {
        return ApiException.notFound("Instance " + uuid + " could not be found.");
    }
}
