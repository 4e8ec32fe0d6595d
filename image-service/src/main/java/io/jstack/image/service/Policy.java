package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what to images, in one place, with Glance's secure defaults: reading needs the reader role,
 * changing needs member, and a rule's scope decides on which images (the caller's project's own, those shared
 * with it, public and community ones). Admins pass every scope (and every default role requirement). A caller denied an image they cannot even see
 * gets 404, not 403, so image ids do not leak. Operators override the roles of a rule with
 * {@code jstack.image.policy."<rule>"}.
 */
@ApplicationScoped
public class Policy {

    public enum Rule {
        ADD_IMAGE("add_image", "member"),
        GET_IMAGE("get_image", "reader"),
        GET_IMAGES("get_images", "reader"),
        MODIFY_IMAGE("modify_image", "member"),
        DELETE_IMAGE("delete_image", "member"),
        PUBLICIZE_IMAGE("publicize_image", "admin"),
        COMMUNITIZE_IMAGE("communitize_image", "member"),
        UPLOAD_IMAGE("upload_image", "member"),
        DOWNLOAD_IMAGE("download_image", "member"),
        DEACTIVATE("deactivate", "member"),
        REACTIVATE("reactivate", "member"),
        ADD_MEMBER("add_member", "member"),
        DELETE_MEMBER("delete_member", "member"),
        GET_MEMBER("get_member", "reader"),
        GET_MEMBERS("get_members", "reader"),
        MODIFY_MEMBER("modify_member", "member"),
        GET_TASKS("get_image_tasks", "reader"),
        STORES_INFO_DETAIL("stores_info_detail", "admin"),
        COPY_IMAGE("copy_image", "admin"),
        GET_METADEF("get_metadef_namespace", "reader"),
        MANAGE_METADEF("modify_metadef_namespace", "admin");

        public final String policyName;
        final String defaultRole;

        Rule(String policyName, String defaultRole) {
            this.policyName = policyName;
            this.defaultRole = defaultRole;
        }
    }

    /** Roles that satisfy a role requirement: the default roles imply each other (admin > member > reader). */
    private static final Map<String, Set<String>> IMPLIED_BY = Map.of(
            "reader", Set.of("reader", "member", "admin"),
            "member", Set.of("member", "admin"),
            "admin", Set.of("admin"));

    private final Map<Rule, Set<String>> roles = new EnumMap<>(Rule.class);

    @Inject
    public Policy(ImageSettings settings) {
        for (Rule rule : Rule.values()) {
            String override = settings.policy().get(rule.policyName);
            roles.put(rule, override != null ? parse(override)
                    : IMPLIED_BY.getOrDefault(rule.defaultRole, Set.of(rule.defaultRole)));
        }
        for (String name : settings.policy().keySet()) {
            if (Arrays.stream(Rule.values()).noneMatch(r -> r.policyName.equals(name))) {
                throw new IllegalStateException("jstack.image.policy names an unknown rule: " + name);
            }
        }
    }

    private static Set<String> parse(String value) {
        return Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the caller holds a role the rule accepts; scope is checked separately. */
    public boolean allows(Caller caller, Rule rule) {
        Set<String> accepted = roles.get(rule);
        if (accepted.contains("!")) {
            return false;
        }
        if (accepted.contains("@")) {
            return true;
        }
        // admin passes the defaults through IMPLIED_BY, but not an operator's list that leaves it out
        return caller.roles().stream().anyMatch(accepted::contains);
    }

    public void require(Caller caller, Rule rule) {
        if (!allows(caller, rule)) {
            throw denied(rule);
        }
    }

    /**
     * Enforces a rule on an image the caller must own (or be admin for): 404 when the caller cannot see the
     * image at all, 403 when they can but may not do this.
     */
    public void requireOwner(Caller caller, Rule rule, ImageAccess.Visible image) {
        if (!allows(caller, rule) || !(caller.isAdmin() || caller.owns(image.image().owner))) {
            throw denied(rule);
        }
    }

    /** Visibility changes need their own rule: public needs publicize_image, community communitize_image. */
    public void requireVisibility(Caller caller, String visibility) {
        if ("public".equals(visibility)) {
            require(caller, Rule.PUBLICIZE_IMAGE);
        } else if ("community".equals(visibility)) {
            require(caller, Rule.COMMUNITIZE_IMAGE);
        }
    }

    public static ApiException denied(Rule rule) {
        return ApiException.forbidden("You are not authorized to complete " + rule.policyName + " action.");
    }
}
