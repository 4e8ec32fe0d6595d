package io.jstack.compute.api;

import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceFault;
import io.jstack.compute.service.Json;
import io.jstack.compute.service.ServerData;
import io.jstack.compute.service.ServerDetails;
import io.jstack.compute.service.ServerStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A server as Nova shows it, field by field per microversion (Tempest checks these shapes with
 * additionalProperties: false, so no field may appear before its microversion).
 */
@ApplicationScoped
public class ServerView {

    private static final Set<String> PROGRESS_STATUSES = Set.of("ACTIVE", "BUILD", "REBUILD", "RESIZE",
            "VERIFY_RESIZE", "MIGRATING");

    @Inject
    Links links;

    /** What parts of the detailed view a response carries. */
    public record Options(boolean admin, boolean full, boolean serverGroups) {
        /** GET /servers/{id}: everything, server groups from 2.71. */
        public static Options show(boolean admin, ApiVersion v) {
            return new Options(admin, true, v.atLeast(71));
        }

        /** GET /servers/detail: everything but server groups. */
        public static Options detail(boolean admin) {
            return new Options(admin, true, false);
        }

        /** PUT /servers/{id}: the basic view before 2.75, everything from 2.75. */
        /** What the details loader must fetch for a view with these options at this microversion. */
        public ServerDetails.Shown shown(ApiVersion v) {
            return new ServerDetails.Shown(v.atLeast(26), v.atLeast(16) && full && admin, serverGroups);
        }

        public static Options update(boolean admin, ApiVersion v) {
            return new Options(admin, v.atLeast(75), v.atLeast(71));
        }
    }

    public Map<String, Object> brief(UriInfo uri, Instance i) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", i.uuid);
        s.put("name", i.displayName);
        s.put("links", links.of(uri, "servers", i.uuid));
        return s;
    }

    public Map<String, Object> detail(UriInfo uri, ServerData data, ApiVersion v, Options o) {
        Instance i = data.instance();
        String status = ServerStatus.of(i.vmState, i.taskState, i.deleted);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", i.uuid);
        s.put("name", i.displayName);
        s.put("status", status);
        s.put("tenant_id", i.projectId);
        s.put("user_id", i.userId);
        s.put("metadata", data.metadata());
        s.put("hostId", hostId(i.host, i.projectId));
        s.put("image", image(uri, i));
        s.put("flavor", flavor(uri, i, v));
        s.put("created", Times.iso(i.createdAt));
        s.put("updated", Times.iso(i.updatedAt));
        // there is no network service: no addresses
        s.put("addresses", Map.of());
        s.put("accessIPv4", i.accessIpV4 == null ? "" : i.accessIpV4);
        s.put("accessIPv6", i.accessIpV6 == null ? "" : i.accessIpV6);
        s.put("links", links.of(uri, "servers", i.uuid));
        s.put("OS-DCF:diskConfig", i.diskConfig);
        if (ServerDetails.FAULT_STATUSES.contains(status) && data.fault() != null) {
            s.put("fault", fault(data.fault(), o.admin()));
        }
        if (PROGRESS_STATUSES.contains(status)) {
            s.put("progress", i.progress);
        }
        if (o.full()) {
            s.put("OS-EXT-AZ:availability_zone", i.availabilityZone == null ? "" : i.availabilityZone);
            s.put("config_drive", i.configDrive);
            s.put("key_name", i.keyName);
            s.put("OS-SRV-USG:launched_at", Times.micros(i.launchedAt));
            s.put("OS-SRV-USG:terminated_at", Times.micros(i.terminatedAt));
            if (o.admin()) {
                s.put("OS-EXT-SRV-ATTR:host", i.host);
                s.put("OS-EXT-SRV-ATTR:instance_name", i.instanceName());
                s.put("OS-EXT-SRV-ATTR:hypervisor_hostname", i.node);
                if (v.atLeast(3)) {
                    s.put("OS-EXT-SRV-ATTR:hostname", i.hostname);
                    s.put("OS-EXT-SRV-ATTR:kernel_id", "");
                    s.put("OS-EXT-SRV-ATTR:launch_index", i.launchIndex);
                    s.put("OS-EXT-SRV-ATTR:ramdisk_id", "");
                    s.put("OS-EXT-SRV-ATTR:reservation_id", i.reservationId);
                    s.put("OS-EXT-SRV-ATTR:root_device_name", i.rootDeviceName);
                    s.put("OS-EXT-SRV-ATTR:user_data", i.userData);
                }
            }
            s.put("OS-EXT-STS:task_state", i.taskState);
            s.put("OS-EXT-STS:vm_state", i.vmState);
            s.put("OS-EXT-STS:power_state", i.powerState);
            s.put("os-extended-volumes:volumes_attached", List.of());
        }
        if (v.atLeast(9)) {
            s.put("locked", i.locked);
        }
        if (v.atLeast(16) && o.full() && o.admin()) {
            s.put("host_status", data.hostStatus());
        }
        if (v.atLeast(19)) {
            s.put("description", i.displayDescription);
        }
        if (v.atLeast(26)) {
            s.put("tags", data.tags());
        }
        if (v.atLeast(63)) {
            s.put("trusted_image_certificates", null);
        }
        if (o.serverGroups()) {
            s.put("server_groups", data.serverGroup() == null ? List.of() : List.of(data.serverGroup()));
        }
        if (v.atLeast(73)) {
            s.put("locked_reason", i.lockedReason);
        }
        if (v.atLeast(90) && !(o.full() && o.admin())) {
            s.put("OS-EXT-SRV-ATTR:hostname", i.hostname);
        }
        if (v.atLeast(96) && o.full()) {
            s.put("pinned_availability_zone", i.pinnedAvailabilityZone);
        }
        return s;
    }

    private Object image(UriInfo uri, Instance i) {
        if (i.imageRef == null || i.imageRef.isEmpty()) {
            return "";
        }
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("id", i.imageRef);
        image.put("links", links.bookmark(uri, "images", i.imageRef));
        return image;
    }

    private Map<String, Object> flavor(UriInfo uri, Instance i, ApiVersion v) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (v.atLeast(47)) {
            f.put("vcpus", i.vcpus);
            f.put("ram", i.memoryMb);
            f.put("disk", i.rootGb);
            f.put("ephemeral", i.ephemeralGb);
            f.put("swap", i.swap);
            f.put("original_name", i.flavorName);
            f.put("extra_specs", Json.stringMap(i.flavorExtraSpecs));
            return f;
        }
        f.put("id", i.flavorId);
        f.put("links", links.bookmark(uri, "flavors", i.flavorId));
        return f;
    }

    /** A fault's details are for admins, or for anyone when the fault is not a server error. */
    private static Map<String, Object> fault(InstanceFault fault, boolean admin) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", fault.code);
        f.put("created", Times.iso(fault.createdAt));
        f.put("message", fault.message);
        if (fault.details != null && !fault.details.isEmpty() && (admin || fault.code != 500)) {
            f.put("details", fault.details);
        }
        return f;
    }

    /** Nova's hostId: a hash of project and host, so users can tell co-located servers apart without the host. */
    static String hostId(String host, String projectId) {
        if (host == null || host.isEmpty()) {
            return "";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-224")
                    .digest((projectId + host).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
