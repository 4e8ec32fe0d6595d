package io.jstack.compute.api;

import io.jstack.compute.model.Flavor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A flavor as the API shows it at a microversion. */
final class FlavorView {
    private FlavorView() {
    }

    static Map<String, Object> detail(Flavor f, Map<String, String> extraSpecs, ApiVersion v,
                                      List<Map<String, Object>> links) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.flavorid);
        out.put("name", f.name);
        out.put("ram", f.memoryMb);
        out.put("disk", f.rootGb);
        // before 2.75 a flavor without swap says "" rather than 0
        out.put("swap", f.swap == 0 && !v.atLeast(75) ? "" : f.swap);
        out.put("OS-FLV-EXT-DATA:ephemeral", f.ephemeralGb);
        out.put("OS-FLV-DISABLED:disabled", f.disabled);
        out.put("vcpus", f.vcpus);
        out.put("os-flavor-access:is_public", f.isPublic);
        out.put("rxtx_factor", f.rxtxFactor);
        out.put("links", links);
        if (v.atLeast(55)) {
            out.put("description", f.description);
        }
        if (v.atLeast(61)) {
            out.put("extra_specs", extraSpecs);
        }
        return out;
    }
}
