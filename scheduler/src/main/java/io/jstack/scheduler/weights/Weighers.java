package io.jstack.scheduler.weights;

import io.jstack.scheduler.service.SchedulerSettings;

import java.util.ArrayList;
import java.util.List;

/** Builds the configured weighers by their names (Nova's class names), with their configured multipliers. */
public final class Weighers {

    private Weighers() {
    }

    public static List<HostWeigher> enabled(SchedulerSettings settings) {
        List<HostWeigher> weighers = new ArrayList<>();
        for (String name : settings.weighers()) {
            weighers.add(byName(name.trim(), settings.weights()));
        }
        return List.copyOf(weighers);
    }

    public static HostWeigher byName(String name, SchedulerSettings.Weights w) {
        return switch (name) {
            case "RAMWeigher" -> new RAMWeigher(w.ramWeightMultiplier());
            case "CPUWeigher" -> new CPUWeigher(w.cpuWeightMultiplier());
            case "DiskWeigher" -> new DiskWeigher(w.diskWeightMultiplier());
            case "IoOpsWeigher" -> new IoOpsWeigher(w.ioOpsWeightMultiplier());
            case "NumInstancesWeigher" -> new NumInstancesWeigher(w.numInstancesWeightMultiplier());
            case "ServerGroupSoftAffinityWeigher" -> new ServerGroupSoftAffinityWeigher(w.softAffinityWeightMultiplier());
            case "ServerGroupSoftAntiAffinityWeigher" ->
                    new ServerGroupSoftAntiAffinityWeigher(w.softAntiAffinityWeightMultiplier());
            case "BuildFailureWeigher" -> new BuildFailureWeigher(w.buildFailureWeightMultiplier());
            default -> throw new IllegalArgumentException("jstack.scheduler.weighers: unknown weigher " + name);
        };
    }
}
