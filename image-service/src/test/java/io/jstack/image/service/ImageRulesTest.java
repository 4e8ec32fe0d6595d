package io.jstack.image.service;

import io.jstack.common.policy.Enforcer;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.jstack.common.testing.Personas;
import io.jstack.common.testing.Personas.Persona;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.jstack.common.testing.Personas.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image API's rules against the shared personas: the image admin is the cloud admin (never a project's or a
 * domain's admin), an image's owner changes it, others read what is shared with them or public.
 */
class ImageRulesTest {

    private final Enforcer enforcer = new Enforcer(Enforcer.registeredDefaults(), Map.of());

    private boolean allows(RuleDefault rule, Persona who, Target target) {
        return enforcer.enforce(rule.name(), who.credentials(), target);
    }

    private static Target image(String owner, String visibility) {
        return Target.of("project_id", owner, "owner", owner, "visibility", visibility);
    }

    @Test
    void adminRulesAreForCloudAdminsOnly() {
        for (RuleDefault rule : new ImageRules().rules()) {
            if (!rule.check().equals("rule:context_is_admin") && !rule.check().equals("rule:metadef_admin")) {
                continue;
            }
            for (Persona who : Personas.ALL) {
                assertEquals(who.cloudAdmin(), allows(rule, who, image(PROJECT, "private")),
                        rule.name() + " for " + who);
            }
        }
        assertTrue(allows(ImageRules.PUBLICIZE_IMAGE, CLOUD_ADMIN, image(PROJECT, "private")));
        assertFalse(allows(ImageRules.PUBLICIZE_IMAGE, PROJECT_ADMIN, image(PROJECT, "private")));
        assertFalse(allows(ImageRules.PUBLICIZE_IMAGE, DOMAIN_ADMIN, image(PROJECT, "private")),
                "a domain-scoped admin is no image admin");
    }

    @Test
    void anImageIsChangedByItsOwnersMembers() {
        Set<Persona> allowed = Set.of(CLOUD_ADMIN, SYSTEM_ADMIN, PROJECT_ADMIN, MEMBER);
        for (Persona who : Personas.ALL) {
            assertEquals(allowed.contains(who), allows(ImageRules.MODIFY_IMAGE, who, image(PROJECT, "shared")),
                    who.name());
            assertEquals(allowed.contains(who), allows(ImageRules.DELETE_IMAGE, who, image(PROJECT, "public")),
                    who.name());
        }
    }

    @Test
    void othersReadWhatIsPublicOrSharedWithThem() {
        assertTrue(allows(ImageRules.GET_IMAGE, OTHER_MEMBER, image(PROJECT, "public")));
        assertTrue(allows(ImageRules.GET_IMAGE, OTHER_MEMBER, image(PROJECT, "community")));
        assertFalse(allows(ImageRules.GET_IMAGE, OTHER_MEMBER, image(PROJECT, "private")));
        assertTrue(allows(ImageRules.GET_IMAGE, OTHER_MEMBER, image(PROJECT, "private").with("member_id",
                OTHER_PROJECT)));
        assertTrue(allows(ImageRules.DOWNLOAD_IMAGE, OTHER_MEMBER, image(PROJECT, "public")));
        assertFalse(allows(ImageRules.DOWNLOAD_IMAGE, OTHER_PROJECT_ADMIN, image(PROJECT, "private")),
                "the admin of another project");
        assertFalse(allows(ImageRules.MODIFY_MEMBER, MEMBER, image(PROJECT, "shared").with("member_id",
                OTHER_PROJECT)), "only the member project accepts a share");
        assertTrue(allows(ImageRules.MODIFY_MEMBER, OTHER_MEMBER, image(PROJECT, "shared").with("member_id",
                OTHER_PROJECT)));
    }

    @Test
    void imagesAreCreatedForOnesOwnProject() {
        Target own = Target.of("project_id", PROJECT, "owner", PROJECT);
        assertTrue(allows(ImageRules.ADD_IMAGE, MEMBER, own));
        assertFalse(allows(ImageRules.ADD_IMAGE, READER, own));
        assertFalse(allows(ImageRules.ADD_IMAGE, MEMBER, Target.of("project_id", PROJECT, "owner", OTHER_PROJECT)));
        assertTrue(allows(ImageRules.ADD_IMAGE, CLOUD_ADMIN, Target.of("project_id", ADMIN_PROJECT, "owner",
                OTHER_PROJECT)));
    }
}
