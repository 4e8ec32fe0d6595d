package io.jstack.compute.api;

import io.jstack.common.api.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy extensions list (GET /extensions), frozen in Nova since v2.1 made every extension part of the core
 * API. Clients and test suites still read it, so it names the legacy extensions whose APIs this service has.
 */
@Path("/v2.1/extensions")
@Produces(MediaType.APPLICATION_JSON)
public class ExtensionResource {

    private static final String UPDATED = "2014-12-03T00:00:00Z";
    private static final String NAMESPACE = "http://docs.openstack.org/compute/ext/fake_xml";

    /** alias, name, what it gives. */
    private static final List<String[]> EXTENSIONS = List.of(
            new String[]{"OS-DCF", "DiskConfig", "Disk configuration of servers"},
            new String[]{"OS-EXT-AZ", "ExtendedAvailabilityZone", "A server's availability zone"},
            new String[]{"OS-EXT-SRV-ATTR", "ExtendedServerAttributes", "Host attributes of servers"},
            new String[]{"OS-EXT-STS", "ExtendedStatus", "vm_state, task_state and power_state of servers"},
            new String[]{"OS-FLV-DISABLED", "FlavorDisabled", "Whether a flavor is disabled"},
            new String[]{"OS-FLV-EXT-DATA", "FlavorExtraData", "Ephemeral disk of flavors"},
            new String[]{"OS-SCH-HNT", "SchedulerHints", "Scheduler hints at server create"},
            new String[]{"OS-SRV-USG", "ServerUsage", "Launch and termination times of servers"},
            new String[]{"os-access-ips", "AccessIPs", "Access addresses of servers"},
            new String[]{"os-admin-actions", "AdminActions", "Reset a server's state"},
            new String[]{"os-aggregates", "Aggregates", "Host aggregates"},
            new String[]{"os-availability-zone", "AvailabilityZone", "Availability zones"},
            new String[]{"os-config-drive", "ConfigDrive", "Config drive of servers"},
            new String[]{"os-console-output", "ConsoleOutput", "A server's console log"},
            new String[]{"os-consoles", "Consoles", "Server consoles"},
            new String[]{"os-deferred-delete", "DeferredDelete", "Force-delete of servers"},
            new String[]{"os-extended-quotas", "ExtendedQuotas", "Deleting a project's quotas"},
            new String[]{"os-extended-services", "ExtendedServices", "Disabling services with a reason"},
            new String[]{"os-extended-services-delete", "ExtendedServicesDelete", "Deleting services"},
            new String[]{"os-extended-status", "ExtendedStatus", "Server states"},
            new String[]{"os-extended-volumes", "ExtendedVolumes", "Volumes attached to servers"},
            new String[]{"os-flavor-access", "FlavorAccess", "Private flavors and their projects"},
            new String[]{"os-flavor-extra-specs", "FlavorExtraSpecs", "Flavor extra specs"},
            new String[]{"os-flavor-manage", "FlavorManage", "Creating and deleting flavors"},
            new String[]{"os-flavor-rxtx", "FlavorRxtx", "Flavor rxtx factor"},
            new String[]{"os-flavor-swap", "FlavorSwap", "Flavor swap"},
            new String[]{"os-hosts", "Hosts", "Compute hosts"},
            new String[]{"os-hypervisors", "Hypervisors", "Hypervisors"},
            new String[]{"os-instance-actions", "InstanceActions", "Actions taken on servers"},
            new String[]{"os-keypairs", "Keypairs", "Key pairs"},
            new String[]{"os-lock-server", "LockServer", "Locking servers"},
            new String[]{"os-multiple-create", "MultipleCreate", "Creating several servers at once"},
            new String[]{"os-pause-server", "PauseServer", "Pausing servers"},
            new String[]{"os-quota-class-sets", "QuotaClasses", "Default quotas"},
            new String[]{"os-quota-sets", "Quotas", "Quotas"},
            new String[]{"os-server-group-quotas", "ServerGroupQuotas", "Server group quotas"},
            new String[]{"os-server-groups", "ServerGroups", "Server groups"},
            new String[]{"os-server-list-multi-status", "ServerListMultiStatus", "Listing by several statuses"},
            new String[]{"os-server-sort-keys", "ServerSortKeys", "Sorting server lists"},
            new String[]{"os-server-start-stop", "ServerStartStop", "Starting and stopping servers"},
            new String[]{"os-services", "Services", "Compute services"},
            new String[]{"os-suspend-server", "SuspendServer", "Suspending servers"},
            new String[]{"os-used-limits", "UsedLimits", "Used limits"},
            new String[]{"os-user-data", "UserData", "User data of servers"},
            new String[]{"os-user-quotas", "UserQuotas", "Per-user quotas"});

    @GET
    public Map<String, Object> list() {
        return Map.of("extensions", EXTENSIONS.stream().map(ExtensionResource::view).toList());
    }

    @GET
    @Path("{alias}")
    public Map<String, Object> show(@PathParam("alias") String alias) {
        return EXTENSIONS.stream().filter(e -> e[0].equals(alias)).findFirst()
                .map(e -> Map.<String, Object>of("extension", view(e)))
                .orElseThrow(() -> ApiException.notFound("Unable to find extension " + alias));
    }

    private static Map<String, Object> view(String[] e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("alias", e[0]);
        v.put("description", e[2] + ".");
        v.put("links", List.of());
        v.put("name", e[1]);
        v.put("namespace", NAMESPACE);
        v.put("updated", UPDATED);
        return v;
    }
}
