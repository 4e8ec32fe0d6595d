package io.jstack.compute.agent.service;

import io.jstack.common.RequestContext;
import io.jstack.common.compute.ConductorRpc.InstanceUpdate;
import io.jstack.common.compute.PowerState;
import io.jstack.compute.agent.model.VmStates;
import io.jstack.compute.agent.virt.InstanceInfo;
import io.jstack.compute.agent.virt.LifecycleEvent;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.Optional;

/**
 * Guest state changes nobody asked the agent for (a guest powered itself off, crashed, was paused by hand) reach
 * the database as Nova's power-state sync does: only while no operation runs on the instance here and no task is
 * set on it, so an agent's own action is never second-guessed by its event.
 */
public final class PowerStateSync {

    private static final Logger LOG = Logger.getLogger(PowerStateSync.class);

    private final ComputeHost host;
    private final Conductor conductor;

    public PowerStateSync(ComputeHost host, Conductor conductor) {
        this.host = host;
        this.conductor = conductor;
    }

    public void onEvent(LifecycleEvent event) {
        String uuid = event.uuid();
        if (host.locks().isBusy(uuid) || host.isBuilding(uuid)) {
            return;
        }
        Optional<InstanceInfo> info = host.driver().instanceInfo(uuid);
        if (info.isEmpty()) {
            return;
        }
        int power = info.get().powerState();
        // a guest that stopped by itself is stopped for the API too (Nova stops it rather than restarting it)
        String vmState = power == PowerState.SHUTDOWN ? VmStates.STOPPED : null;
        try {
            conductor.update(RequestContext.internal(), new InstanceUpdate(uuid, vmState, null, false,
                    Arrays.asList((String) null), power, null, null, null));
            LOG.infof("instance %s on %s: power state %d after %s", uuid, host.name(), power, event.transition());
        } catch (RuntimeException e) {
            LOG.debugf("power state of %s not synced: %s", uuid, e.getMessage());
        }
    }
}
