package io.jstack.compute.service;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.compute.ConductorRpc;
import io.jstack.common.compute.FlavorSpec;
import io.jstack.common.compute.ImageSpec;
import io.jstack.common.compute.InstanceSpec;
import io.jstack.common.compute.RequestSpec;
import io.jstack.common.compute.ServerGroupSpec;
import io.jstack.common.policy.Target;
import io.jstack.compute.model.BlockDeviceMapping;
import io.jstack.compute.model.Flavor;
import io.jstack.compute.model.Instance;
import io.jstack.compute.model.InstanceMetadata;
import io.jstack.compute.model.InstanceTag;
import io.jstack.compute.model.KeyPair;
import io.jstack.compute.model.ServerGroup;
import io.jstack.compute.model.ServerGroupMember;
import io.jstack.compute.model.TaskStates;
import io.jstack.compute.model.VmStates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * POST /servers: checks the request against the flavor, the image (through the image service, as the caller),
 * the key pair, the zone, the server group and the quotas; records the instances (BUILD/scheduling) in one
 * transaction that holds the project's quota lock, so concurrent creates can never pass a limit together, and
 * with them their build request in the outbox; then hands them to the conductor to build.
 */
@ApplicationScoped
public class ServerCreator {

    private static final Logger LOG = Logger.getLogger(ServerCreator.class);
    private static final long GIB = 1024L * 1024 * 1024;
    private static final String PASSWORD_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Flavors flavors;

    @Inject
    Images images;

    @Inject
    Quotas quotas;

    @Inject
    Zones zones;

    @Inject
    Policy policy;

    @Inject
    Outbox outbox;

    @Inject
    ComputeSettings settings;

    /** What was created: the instances (in launch order) and the admin password they share. */
    public record Created(List<Instance> instances, String adminPass, String reservationId, ImageSpec image) {
    }

    /** Everything the checks found, to build the instances from. */
    private record Checked(Flavor flavor, Map<String, String> extraSpecs, ImageSpec image, KeyPair key,
                           ServerGroup group, List<String> groupMembers) {
    }

    /**
     * The instances are recorded with their build request in the outbox, in one transaction: once the create is
     * answered, the build reaches the conductor whatever happens to this process or the broker afterwards.
     */
    public Uni<Created> create(RequestContext ctx, CreateServer req) {
        policy.authorize(ctx, ComputeRules.SERVERS_CREATE);
        Outbox.Written[] build = new Outbox.Written[1];
        return images.find(ctx, req.imageRef()).map(image -> checkImage(req.imageRef(), image))
                .chain(image -> Panache.withTransaction(() -> check(ctx, req, image)
                        .chain(checked -> insert(ctx, req, checked))
                        .call(created -> buildRequest(ctx, req, created).chain(m -> outbox.add(ctx, m))
                                .invoke(w -> build[0] = w))))
                .call(created -> send(build[0]));
    }

    private static ImageSpec checkImage(String imageRef, ImageSpec image) {
        if (image == null) {
            throw ApiException.badRequest("Image " + imageRef + " could not be found.");
        }
        if (!"active".equals(image.status())) {
            throw ApiException.badRequest("Image " + imageRef + " is not active.");
        }
        return image;
    }

    private Uni<Checked> check(RequestContext ctx, CreateServer req, ImageSpec image) {
        Checked[] out = new Checked[1];
        return Flavor.<Flavor>find("flavorid", req.flavorRef()).firstResult()
                .chain(f -> f == null ? Uni.createFrom().item(false) : flavors.visible(ctx, f).map(ok -> {
                    if (ok) {
                        out[0] = new Checked(f, null, image, null, null, List.of());
                    }
                    return ok;
                }))
                .chain(found -> {
                    if (!found) {
                        throw ApiException.badRequest("Flavor " + req.flavorRef() + " could not be found.");
                    }
                    Flavor f = out[0].flavor();
                    if (f.disabled) {
                        throw ApiException.badRequest("Flavor " + f.flavorid + " could not be found.");
                    }
                    checkFits(ctx, f, image);
                    return Flavors.extraSpecs(f.id);
                })
                .chain(specs -> {
                    out[0] = new Checked(out[0].flavor(), specs, image, null, null, List.of());
                    if (req.keyName() == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return KeyPair.<KeyPair>find("userId = ?1 and name = ?2", ctx.userId(), req.keyName())
                            .firstResult().map(k -> {
                                if (k == null) {
                                    throw ApiException.badRequest("Invalid key_name provided.");
                                }
                                return k;
                            });
                })
                .chain(key -> {
                    out[0] = new Checked(out[0].flavor(), out[0].extraSpecs(), image, key, null, List.of());
                    return req.zone() == null ? Uni.createFrom().voidItem() : zones.all().map(all -> {
                        if (!all.contains(req.zone())) {
                            throw ApiException.badRequest("The requested availability zone is not available");
                        }
                        return null;
                    }).replaceWithVoid();
                })
                .chain(() -> req.groupId() == null ? Uni.createFrom().item(out[0]) : group(ctx, req, out[0]))
                .call(checked -> checkMetadataQuota(ctx, req));
    }

    /** Nova's flavor/image fit: memory and disk minimums, and the image must fit the root disk. */
    private void checkFits(RequestContext ctx, Flavor f, ImageSpec image) {
        if (image.minRamMb() > f.memoryMb) {
            throw ApiException.badRequest("Flavor's memory is too small for requested image.");
        }
        if (f.rootGb == 0) {
            if (!policy.allows(ctx, ComputeRules.SERVERS_CREATE_ZERO_DISK_FLAVOR,
                    Target.of("project_id", ctx.projectId(), "user_id", ctx.userId()))) {
                throw ApiException.forbidden("Only volume-backed servers are allowed for flavors with zero disk.");
            }
            return;
        }
        if (image.minDiskGb() > f.rootGb) {
            throw ApiException.badRequest("Flavor's disk is too small for requested image. Flavor disk is "
                    + f.rootGb * GIB + " bytes, minimum required by image is " + image.minDiskGb() * GIB
                    + " bytes.");
        }
        if (image.size() != null && image.size() > f.rootGb * GIB) {
            throw ApiException.badRequest("Flavor's disk is too small for requested image. Flavor disk is "
                    + f.rootGb * GIB + " bytes, image is " + image.size() + " bytes.");
        }
    }

    private Uni<Checked> group(RequestContext ctx, CreateServer req, Checked c) {
        return ServerGroup.<ServerGroup>find("uuid", req.groupId()).firstResult().chain(g -> {
            if (g == null || (!policy.isAdmin(ctx) && !g.projectId.equals(ctx.projectId()))) {
                throw ApiException.badRequest("Instance group " + req.groupId() + " could not be found.");
            }
            return ServerGroupMember.<ServerGroupMember>list("groupId", g.id).map(members ->
                    new Checked(c.flavor(), c.extraSpecs(), c.image(), c.key(), g,
                            members.stream().map(m -> m.instanceUuid).toList()));
        });
    }

    private Uni<Void> checkMetadataQuota(RequestContext ctx, CreateServer req) {
        if (req.metadata().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return quotas.limits(ctx.projectId(), ctx.userId()).map(limits -> {
            int limit = limits.get("metadata_items");
            if (limit >= 0 && req.metadata().size() > limit) {
                throw ApiException.forbidden("Quota exceeded for metadata_items: Requested "
                        + req.metadata().size() + ", but already used 0 of " + limit + " metadata_items");
            }
            return null;
        });
    }

    /**
     * Counts under the project's quota lock how many instances fit (as many as asked for, up to max_count and the
     * per-request bound; fewer than min_count is Nova's 403 and nothing is made), then records exactly that many
     * while still holding the lock, so concurrent creates of a project can never pass a limit together and no
     * request builds rows beyond what it may keep. A project without instance, core and RAM limits takes no lock.
     */
    private Uni<Created> insert(RequestContext ctx, CreateServer req, Checked c) {
        Flavor f = c.flavor();
        String project = ctx.projectId();
        String reservation = "r-" + UUID.randomUUID().toString().substring(0, 8);
        String adminPass = req.adminPass() != null ? req.adminPass()
                : settings.enableInstancePassword() ? password() : null;
        int bound = settings.maxInstancesPerRequest();
        if (req.minCount() > bound) {
            throw ApiException.badRequest("Invalid input for field/attribute min_count. Value: " + req.minCount()
                    + ". " + req.minCount() + " is greater than the maximum of " + bound);
        }
        int asked = Math.min(req.maxCount(), bound);
        return quotas.limits(project, ctx.userId())
                .chain(limits -> {
                    Uni<Integer> fits = Quotas.instancesUnlimited(limits) ? Uni.createFrom().item(asked)
                            : Quotas.lock("instances:" + project)
                                    .chain(() -> quotas.instanceUsage(project, ctx.userId()))
                                    .map(use -> fitting(req, asked, f, limits, use.project(), use.user()));
                    return fits.invoke(count -> {
                        if (c.group() != null) {
                            int members = limits.get("server_group_members");
                            if (members >= 0 && c.groupMembers().size() + count > members) {
                                throw ApiException.forbidden("Quota exceeded, too many servers in group");
                            }
                        }
                    });
                })
                .chain(count -> {
                    List<Instance> made = new ArrayList<>(count);
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (int n = 0; n < count; n++) {
                        // named as Nova names the servers of a multiple create: by what was asked for
                        Instance i = instance(ctx, req, c, reservation, n, req.maxCount());
                        made.add(i);
                        chain = chain.chain(() -> persist(ctx, req, c, i));
                    }
                    return chain.map(x -> new Created(made, adminPass, reservation, c.image()));
                });
    }

    /**
     * The number of instances that fit every limit, as many as asked for up to max_count; fewer than min_count
     * is Nova's 403.
     */
    private static int fitting(CreateServer req, int asked, Flavor f, Map<String, Integer> limits,
                               Quotas.Usage project, Quotas.Usage user) {
        int allowed = asked;
        String over = null;
        long[] perInstance = {1, f.vcpus, f.memoryMb};
        String[] names = {"instances", "cores", "ram"};
        for (int r = 0; r < names.length; r++) {
            int limit = limits.get(names[r]);
            if (limit < 0) {
                continue;
            }
            long used = Math.max(project.of(names[r]), user.of(names[r]));
            long room = (limit - used) / perInstance[r];
            if (room < allowed) {
                allowed = (int) Math.max(room, 0);
                if (allowed < req.minCount() && over == null) {
                    over = names[r];
                }
            }
        }
        if (allowed < req.minCount()) {
            String resource = over != null ? over : "instances";
            int r = List.of(names).indexOf(resource);
            long used = Math.max(project.of(resource), user.of(resource));
            throw Quotas.exceeded(resource, req.minCount() * perInstance[r], used, limits.get(resource));
        }
        return allowed;
    }

    private Instance instance(RequestContext ctx, CreateServer req, Checked c, String reservation, int index,
                              int count) {
        Flavor f = c.flavor();
        Instance i = new Instance();
        i.uuid = UUID.randomUUID().toString();
        i.displayName = count > 1 ? req.name() + "-" + (index + 1) : req.name();
        i.displayDescription = req.description();
        i.hostname = req.hostname() != null ? (count > 1 ? req.hostname() + "-" + (index + 1) : req.hostname())
                : hostname(i.displayName);
        i.projectId = ctx.projectId();
        i.userId = ctx.userId();
        i.imageRef = req.imageRef();
        i.flavorId = f.flavorid;
        i.flavorName = f.name;
        i.vcpus = f.vcpus;
        i.memoryMb = f.memoryMb;
        i.rootGb = f.rootGb;
        i.ephemeralGb = f.ephemeralGb;
        i.swap = f.swap;
        i.flavorExtraSpecs = Flavors.specsJson(c.extraSpecs());
        i.vmState = VmStates.BUILDING;
        i.taskState = TaskStates.SCHEDULING;
        i.powerState = 0;
        i.availabilityZone = req.zone();
        i.pinnedAvailabilityZone = req.zone();
        i.keyName = c.key() == null ? null : c.key().name;
        i.keyData = c.key() == null ? null : c.key().publicKey;
        i.userData = req.userData();
        i.configDrive = req.configDrive() ? "True" : "";
        i.reservationId = reservation;
        i.launchIndex = index;
        i.accessIpV4 = req.accessIpV4();
        i.accessIpV6 = req.accessIpV6();
        i.diskConfig = req.diskConfig();
        i.rootDeviceName = "/dev/vda";
        i.schedulerHints = req.hints().isEmpty() ? null : Json.write(req.hints());
        i.createdAt = Instant.now();
        i.updatedAt = i.createdAt;
        return i;
    }

    private Uni<Void> persist(RequestContext ctx, CreateServer req, Checked c, Instance i) {
        Uni<Void> chain = i.persist().replaceWithVoid();
        for (Map.Entry<String, String> m : req.metadata().entrySet()) {
            chain = chain.chain(() -> InstanceMetadata.of(i.uuid, m.getKey(), m.getValue()).persist())
                    .replaceWithVoid();
        }
        for (String tag : req.tags()) {
            chain = chain.chain(() -> InstanceTag.of(i.uuid, tag).persist()).replaceWithVoid();
        }
        BlockDeviceMapping root = new BlockDeviceMapping();
        root.uuid = UUID.randomUUID().toString();
        root.instanceUuid = i.uuid;
        root.sourceType = "image";
        root.destinationType = "local";
        root.bootIndex = 0;
        root.imageId = i.imageRef;
        root.deviceName = "/dev/vda";
        root.deleteOnTermination = true;
        root.createdAt = i.createdAt;
        chain = chain.chain(() -> root.persist()).replaceWithVoid();
        if (c.group() != null) {
            chain = chain.chain(() -> ServerGroupMember.of(c.group().id, i.uuid).persist()).replaceWithVoid();
        }
        return chain.chain(() -> InstanceActions.start(ctx, i.uuid, InstanceActions.CREATE)).replaceWithVoid()
                .chain(() -> Panache.getSession().chain(s -> s.flush()));
    }

    /** The conductor's build request for the instances (written to the outbox with them). */
    private Uni<OutboxMessage> buildRequest(RequestContext ctx, CreateServer req, Created created) {
        Instance first = created.instances().getFirst();
        FlavorSpec flavor = new FlavorSpec(first.flavorId, first.flavorName, first.vcpus, first.memoryMb,
                first.rootGb, first.ephemeralGb, first.swap, Json.stringMap(first.flavorExtraSpecs));
        ImageSpec image = created.image();
        List<InstanceSpec> specs = created.instances().stream().map(i -> new InstanceSpec(i.uuid, i.displayName,
                i.hostname, i.projectId, i.userId, flavor, image, i.keyName, i.keyData, i.userData, req.metadata(),
                req.zone(), created.adminPass(), req.configDrive())).toList();
        return groupSpec(req).map(group -> {
            RequestSpec spec = new RequestSpec(ctx.projectId(), ctx.userId(), flavor, image, req.zone(),
                    req.forcedHost(), group, req.sameHost(), req.differentHost(), req.hints(), List.of());
            ConductorRpc.BuildInstances build = new ConductorRpc.BuildInstances(specs, spec);
            return OutboxMessage.of(ConductorRpc.class, "conductor", specs.stream().map(InstanceSpec::uuid).toList(),
                    TaskStates.SCHEDULING, c -> c.buildInstances(ctx, build));
        });
    }

    /**
     * After commit: the conductor builds them. If the cast cannot be sent now (the broker is down), the outbox's
     * relay sends it when it can; the instances wait in BUILD meanwhile.
     */
    private Uni<Void> send(Outbox.Written build) {
        return outbox.send(build).onFailure().recoverWithItem(e -> {
            LOG.warnf("cannot hand instances %s to the conductor now (%s): the outbox relay will",
                    build.message().instanceUuids(), e.getMessage());
            return null;
        });
    }

    private Uni<ServerGroupSpec> groupSpec(CreateServer req) {
        if (req.groupId() == null) {
            return Uni.createFrom().nullItem();
        }
        return ServerGroup.<ServerGroup>find("uuid", req.groupId()).firstResult()
                .chain(g -> ServerGroupMember.<ServerGroupMember>list("groupId", g.id).map(members -> {
                    Map<String, Object> rules = Json.objectMap(g.rules);
                    Object max = rules.get("max_server_per_host");
                    return new ServerGroupSpec(g.uuid, g.policy, max == null ? null : Integer.valueOf(max.toString()),
                            members.stream().map(m -> m.instanceUuid).toList());
                }));
    }

    /** A password for adminPass: 12 characters without look-alikes. */
    static String password() {
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < 12; n++) {
            out.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
        }
        return out.toString();
    }

    /** A hostname from a display name, as Nova sanitises it. */
    static String hostname(String name) {
        String h = name.toLowerCase().replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[.-]+|[.-]+$", "");
        h = h.replace('.', '-');
        if (h.length() > 63) {
            h = h.substring(0, 63).replaceAll("-+$", "");
        }
        return h.isEmpty() ? "server" : h;
    }
}
