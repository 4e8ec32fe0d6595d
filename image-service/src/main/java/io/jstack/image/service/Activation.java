package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.ImageStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Deactivating an active image (its data can no longer be downloaded, except by admins) and reactivating it.
 * Repeating either is harmless; other statuses are refused (403), as in Glance.
 */
@ApplicationScoped
public class Activation {

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    @Inject
    ImageTransitions transitions;

    public Uni<Void> deactivate(Caller caller, String id) {
        return change(caller, id, Policy.Rule.DEACTIVATE, ImageStatus.ACTIVE, ImageStatus.DEACTIVATED);
    }

    public Uni<Void> reactivate(Caller caller, String id) {
        return change(caller, id, Policy.Rule.REACTIVATE, ImageStatus.DEACTIVATED, ImageStatus.ACTIVE);
    }

    private Uni<Void> change(Caller caller, String id, Policy.Rule rule, ImageStatus from, ImageStatus to) {
        return access.find(caller, id).chain(v -> {
            policy.requireOwner(caller, rule, v);
            ImageStatus now = v.image().status;
            if (now == to) {
                return Uni.createFrom().voidItem();
            }
            if (now != from) {
                throw ApiException.forbidden("Not allowed to " + rule.policyName + " image in status '"
                        + now.value() + "'");
            }
            // lost a race: fine if the winner did the same thing, a conflict otherwise
            return transitions.tryMove(id, from, to).chain(moved -> moved ? Uni.createFrom().voidItem()
                    : transitions.status(id).invoke(status -> {
                        if (status != to) {
                            throw ImageTransitions.conflict(id, from, to);
                        }
                    }).replaceWithVoid());
        });
    }
}
