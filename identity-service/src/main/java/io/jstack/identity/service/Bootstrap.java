package io.jstack.identity.service;

import io.jstack.identity.model.Assignment;
import io.jstack.identity.model.CatalogService;
import io.jstack.identity.model.Domain;
import io.jstack.identity.model.Endpoint;
import io.jstack.identity.model.ImpliedRole;
import io.jstack.identity.model.Project;
import io.jstack.identity.model.Region;
import io.jstack.identity.model.Role;
import io.jstack.identity.model.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * First-start set-up from configuration, safe to run on every start and from several replicas at once (an
 * advisory lock serialises them): the Default domain, the admin/member/reader/service roles (admin implies
 * member implies reader), the admin and service projects, the admin user, service users, an optional member
 * user, the region and the service catalog. Existing things are left as they are.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);
    private static final long LOCK = 0x6a73746b_0001L;

    @Inject
    IdentitySettings settings;

    @Inject
    PasswordHasher passwords;

    /** Catalog entries: type, name, description, default URL pattern (%s = public host). */
    private record Entry(String type, String name, String description, String url) {
    }

    private static final List<Entry> CATALOG = List.of(
            new Entry("identity", "keystone", "Identity", "http://%s:5000/v3"),
            new Entry("compute", "nova", "Compute", "http://%s:8774/v2.1"),
            new Entry("image", "glance", "Image", "http://%s:9292"),
            new Entry("volumev3", "cinderv3", "Block Storage v3", "http://%s:8776/v3/$(project_id)s"),
            new Entry("block-storage", "cinder", "Block Storage", "http://%s:8776/v3/$(project_id)s"),
            new Entry("object-store", "swift", "Object Storage", "http://%s:8080/v1/AUTH_$(project_id)s"));

    public Uni<Void> run() {
        IdentitySettings.Bootstrap b = settings.bootstrap();
        return Panache.withTransaction(() -> Panache.getSession().chain(s ->
                        s.createNativeQuery("select pg_advisory_xact_lock(" + LOCK + ")").getSingleResult())
                .chain(() -> domain())
                .chain(() -> role(Role.ADMIN)).chain(admin -> role(Role.MEMBER).chain(member -> role(Role.READER)
                        .chain(reader -> imply(admin, member).chain(() -> imply(member, reader)))
                        .chain(() -> role(Role.SERVICE)).map(service -> new Role[]{admin, member, service})))
                .chain(roles -> project(b.adminProject()).chain(adminProject -> project("service")
                        .chain(serviceProject -> user(b.adminUser(), b.adminPassword(), adminProject.id)
                                .chain(admin -> grant(admin.id, adminProject.id, roles[0].id))
                                .chain(() -> serviceUsers(serviceProject, roles[2]))
                                .chain(() -> memberUser(roles[1])))))
                .chain(() -> region(b.region()))
                .chain(() -> catalog(b)))
                .invoke(() -> LOG.info("bootstrap: admin account and service catalog are in place"));
    }

    private Uni<Domain> domain() {
        return Domain.<Domain>findById(Domain.DEFAULT_ID).chain(d -> {
            if (d != null) {
                return Uni.createFrom().item(d);
            }
            Domain created = new Domain();
            created.id = Domain.DEFAULT_ID;
            created.name = "Default";
            created.description = "The default domain";
            return created.persist();
        });
    }

    private static Uni<Role> role(String name) {
        return Role.<Role>find("domainId is null and name = ?1", name).firstResult().chain(r -> {
            if (r != null) {
                return Uni.createFrom().item(r);
            }
            Role created = new Role();
            created.id = Ids.newId();
            created.name = name;
            return created.persist();
        });
    }

    private static Uni<Void> imply(Role prior, Role implied) {
        return ImpliedRole.count("priorRoleId = ?1 and impliedRoleId = ?2", prior.id, implied.id)
                .chain(n -> n > 0 ? Uni.createFrom().voidItem()
                        : ImpliedRole.of(prior.id, implied.id).persist().replaceWithVoid());
    }

    private static Uni<Project> project(String name) {
        return Project.<Project>find("domainId = ?1 and name = ?2", Domain.DEFAULT_ID, name).firstResult().chain(p -> {
            if (p != null) {
                return Uni.createFrom().item(p);
            }
            Project created = new Project();
            created.id = Ids.newId();
            created.name = name;
            created.domainId = Domain.DEFAULT_ID;
            created.description = "Bootstrap project " + name;
            return created.persist();
        });
    }

    private Uni<User> user(String name, String password, String defaultProject) {
        return User.<User>find("domainId = ?1 and name = ?2", Domain.DEFAULT_ID, name).firstResult().chain(u -> {
            if (u != null) {
                return Uni.createFrom().item(u);
            }
            return passwords.hash(password).chain(hash -> {
                User created = new User();
                created.id = Ids.newId();
                created.name = name;
                created.domainId = Domain.DEFAULT_ID;
                created.defaultProjectId = defaultProject;
                created.passwordHash = hash;
                created.passwordChangedAt = Instant.now();
                return created.persist();
            });
        });
    }

    /**
     * Service users are machine accounts whose passwords live in the other services' configuration: when the
     * configured password changes, the stored one follows (people's passwords are never touched).
     */
    private Uni<User> keepPassword(User user, String password) {
        return passwords.matches(password, user.passwordHash).chain(same -> {
            if (same) {
                return Uni.createFrom().item(user);
            }
            LOG.infof("bootstrap: service user %s takes its configured password", user.name);
            return passwords.hash(password).map(hash -> {
                user.passwordHash = hash;
                user.passwordChangedAt = Instant.now();
                return user;
            });
        });
    }

    private static Uni<Void> grant(String userId, String projectId, String roleId) {
        return Assignment.count("type = ?1 and actorId = ?2 and targetId = ?3 and roleId = ?4 and inherited = false",
                        Assignment.USER_PROJECT, userId, projectId, roleId)
                .chain(n -> n > 0 ? Uni.createFrom().voidItem()
                        : Assignment.of(Assignment.USER_PROJECT, userId, projectId, roleId, false).persist()
                        .replaceWithVoid());
    }

    private Uni<Void> serviceUsers(Project serviceProject, Role service) {
        if (settings.bootstrap().servicePassword().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String password = settings.bootstrap().servicePassword().get();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String name : settings.bootstrap().serviceUsers()) {
            chain = chain.chain(() -> user(name, password, serviceProject.id))
                    .chain(u -> keepPassword(u, password))
                    .chain(u -> grant(u.id, serviceProject.id, service.id));
        }
        return chain;
    }

    private Uni<Void> memberUser(Role member) {
        IdentitySettings.Bootstrap b = settings.bootstrap();
        if (b.memberUser().isEmpty() || b.memberPassword().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return project(b.memberProject()).chain(p -> user(b.memberUser().get(), b.memberPassword().get(), p.id)
                .chain(u -> grant(u.id, p.id, member.id)));
    }

    private static Uni<Void> region(String id) {
        return Region.<Region>findById(id).chain(r -> {
            if (r != null) {
                return Uni.createFrom().voidItem();
            }
            Region created = new Region();
            created.id = id;
            return created.persist().replaceWithVoid();
        });
    }

    private Uni<Void> catalog(IdentitySettings.Bootstrap b) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Entry entry : CATALOG) {
            if (!b.services().contains(entry.type())) {
                continue;
            }
            String url = b.endpoints().getOrDefault(entry.type(), String.format(entry.url(), b.publicHost()));
            chain = chain.chain(() -> service(entry).chain(s -> endpoints(s, url, b.region(), entry.type())));
        }
        return chain;
    }

    private static Uni<CatalogService> service(Entry entry) {
        return CatalogService.<CatalogService>find("type", entry.type()).firstResult().chain(s -> {
            if (s != null) {
                return Uni.createFrom().item(s);
            }
            CatalogService created = new CatalogService();
            created.id = Ids.newId();
            created.type = entry.type();
            created.name = entry.name();
            created.description = entry.description();
            return created.persist();
        });
    }

    private static Uni<Void> endpoints(CatalogService service, String url, String region, String type) {
        Map<String, String> interfaces = new LinkedHashMap<>();
        interfaces.put("public", url);
        interfaces.put("internal", url);
        if (type.equals("identity")) {
            interfaces.put("admin", url);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var e : interfaces.entrySet()) {
            chain = chain.chain(() -> Endpoint.count("serviceId = ?1 and iface = ?2", service.id, e.getKey())
                    .chain(n -> {
                        if (n > 0) {
                            return Uni.createFrom().voidItem();
                        }
                        Endpoint created = new Endpoint();
                        created.id = Ids.newId();
                        created.serviceId = service.id;
                        created.iface = e.getKey();
                        created.regionId = region;
                        created.url = e.getValue();
                        return created.persist().replaceWithVoid();
                    }));
        }
        return chain;
    }
}
