package io.jstack.image.service;

import io.jstack.common.RequestContext;
import io.jstack.common.api.ApiException;
import io.jstack.common.policy.BaseRules;
import io.jstack.common.policy.Credentials;
import io.jstack.common.policy.Enforcer;
import io.jstack.common.policy.RuleDefault;
import io.jstack.common.policy.Target;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageMember;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The image API's door to the shared policy engine: every decision is one of {@link ImageRules}, evaluated
 * against the caller's credentials and Glance's target (for an image: {@code project_id} and {@code owner} its
 * owner, {@code visibility}, {@code member_id} the caller's project when the image is shared with it). A caller
 * denied an image they cannot even see gets 404, not 403, so image ids do not leak. Operators override rules in
 * the policy file ({@code jstack.policy.file}).
 */
@ApplicationScoped
public class Policy {

    /** The rules code enforces, by Glance's names. */
    public enum Rule {
        ADD_IMAGE(ImageRules.ADD_IMAGE),
        GET_IMAGE(ImageRules.GET_IMAGE),
        GET_IMAGES(ImageRules.GET_IMAGES),
        MODIFY_IMAGE(ImageRules.MODIFY_IMAGE),
        DELETE_IMAGE(ImageRules.DELETE_IMAGE),
        PUBLICIZE_IMAGE(ImageRules.PUBLICIZE_IMAGE),
        COMMUNITIZE_IMAGE(ImageRules.COMMUNITIZE_IMAGE),
        UPLOAD_IMAGE(ImageRules.UPLOAD_IMAGE),
        DOWNLOAD_IMAGE(ImageRules.DOWNLOAD_IMAGE),
        DEACTIVATE(ImageRules.DEACTIVATE),
        REACTIVATE(ImageRules.REACTIVATE),
        ADD_MEMBER(ImageRules.ADD_MEMBER),
        DELETE_MEMBER(ImageRules.DELETE_MEMBER),
        GET_MEMBER(ImageRules.GET_MEMBER),
        GET_MEMBERS(ImageRules.GET_MEMBERS),
        MODIFY_MEMBER(ImageRules.MODIFY_MEMBER),
        GET_TASKS(ImageRules.GET_TASKS),
        STORES_INFO_DETAIL(ImageRules.STORES_INFO_DETAIL),
        COPY_IMAGE(ImageRules.COPY_IMAGE),
        GET_METADEF(ImageRules.GET_METADEF),
        MANAGE_METADEF(ImageRules.MANAGE_METADEF);

        public final String policyName;
        final RuleDefault rule;

        Rule(RuleDefault rule) {
            this.rule = rule;
            this.policyName = rule.name();
        }
    }

    @Inject
    Enforcer enforcer;

    /** Reads the rules (and the operator's file) at start: a malformed file stops the service there. */
    void load(@Observes StartupEvent event) {
        enforcer.rules();
    }

    /** The caller of a request, with the policy's answer to whether they are the cloud admin. */
    public Caller caller(RequestContext context) {
        Credentials credentials = Credentials.of(context);
        return new Caller(credentials, enforcer.enforce(BaseRules.CONTEXT_IS_ADMIN, credentials, Target.EMPTY),
                context.requestId(), context.authToken());
    }

    /** The rule on the caller's own project (Glance's default target): lists, creating, metadefs, tasks. */
    public boolean allows(Caller caller, Rule rule) {
        return allows(caller, rule, Target.of("project_id", caller.projectId(), "owner", caller.projectId()));
    }

    public boolean allows(Caller caller, Rule rule, Target target) {
        return enforcer.enforce(rule.policyName, caller.credentials(), target);
    }

    public void require(Caller caller, Rule rule) {
        if (!allows(caller, rule)) {
            throw denied(rule);
        }
    }

    public void require(Caller caller, Rule rule, Target target) {
        if (!allows(caller, rule, target)) {
            throw denied(rule);
        }
    }

    /** A rule on an image the caller can see (a 403 when the rule says no). */
    public void requireOwner(Caller caller, Rule rule, ImageAccess.Visible image) {
        require(caller, rule, target(image.image(), image.membership()));
    }

    /** Visibility changes need their own rule: public needs publicize_image, community communitize_image. */
    public void requireVisibility(Caller caller, String visibility, Target target) {
        if ("public".equals(visibility)) {
            require(caller, Rule.PUBLICIZE_IMAGE, target);
        } else if ("community".equals(visibility)) {
            require(caller, Rule.COMMUNITIZE_IMAGE, target);
        }
    }

    /** Glance's target for an image: its owner, visibility, and the caller's project when it is a member. */
    public static Target target(Image image, ImageMember membership) {
        Target target = Target.of("project_id", image.owner, "owner", image.owner, "visibility", image.visibility);
        return membership == null ? target : target.with("member_id", membership.member);
    }

    public static ApiException denied(Rule rule) {
        return ApiException.forbidden("You are not authorized to complete " + rule.policyName + " action.");
    }
}
