package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may do what, in one place, as Nova's default policy: {@code admin} (on a project-scoped token) manages
 * everything in every project; {@code member} reads and changes its project's things; {@code reader} only reads
 * them. Rules are named as Nova names them, so a refusal says which one failed.
 */
@ApplicationScoped
public class Policy {

    public boolean isAdmin(RequestContext ctx) {
        return ctx.isAdmin() && ctx.projectId() != null;
    }

    public boolean canWrite(RequestContext ctx) {
        return isAdmin(ctx) || ctx.hasRole("member");
    }

    /** Admins only (os-hypervisors, os-services, os-aggregates, flavor management, ...). */
    public void requireAdmin(RequestContext ctx, String rule) {
        if (!isAdmin(ctx)) {
            throw denied(rule);
        }
    }

    /** A member (or admin) of the project that owns the target: writes. */
    public void requireMemberOf(RequestContext ctx, String projectId, String rule) {
        if (isAdmin(ctx)) {
            return;
        }
        if (!ctx.hasRole("member") || !projectId.equals(ctx.projectId())) {
            throw denied(rule);
        }
    }

    /** Anyone with a role on the project that owns the target (or an admin): reads. */
    public void requireReaderOf(RequestContext ctx, String projectId, String rule) {
        if (!isAdmin(ctx) && !projectId.equals(ctx.projectId())) {
            throw denied(rule);
        }
    }

    /** A write in the caller's own project (creating things there). */
    public void requireMember(RequestContext ctx, String rule) {
        if (!canWrite(ctx)) {
            throw denied(rule);
        }
    }

    public static ApiException denied(String rule) {
        return ApiException.forbidden("Policy doesn't allow os_compute_api:" + rule + " to be performed.");
    }
}
