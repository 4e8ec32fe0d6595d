package io.jstack.compute.model;

import io.smallrye.mutiny.Uni;

import java.time.Instant;

/** Marking an instance deleted (the row stays, flagged), as the API and the conductor both do. */
public final class Deletion {

    private Deletion() {
    }

    /**
     * Marks the instance deleted and drops its server group membership. With {@code onlyWithoutHost}, only if
     * no host has it (so a delete racing the scheduler cannot skip the agent). True if this call deleted it.
     */
    public static Uni<Boolean> markDeleted(String uuid, boolean onlyWithoutHost) {
        Instant now = Instant.now();
        StateChange change = StateChange.of(uuid).set("deleted", true).set("deletedAt", now)
                .set("terminatedAt", now).vmState(VmStates.DELETED).taskState(null).set("powerState", 0);
        if (onlyWithoutHost) {
            change.where("host is null");
        }
        return change.apply().call(done -> done ? ServerGroupMember.delete("instanceUuid", uuid)
                : Uni.createFrom().item(0L));
    }
}
