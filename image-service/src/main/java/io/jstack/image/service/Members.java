package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.ImageMember;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/**
 * Image sharing: the owner adds projects as members of a shared image; each member accepts or rejects it, and
 * only accepted shares appear in the member's default image list. The owner sees all members, a member only
 * itself.
 */
@ApplicationScoped
public class Members {

    public static final Set<String> STATUSES = Set.of(ImageMember.PENDING, ImageMember.ACCEPTED,
            ImageMember.REJECTED);

    @Inject
    ImageAccess access;

    @Inject
    Policy policy;

    @Inject
    ImageSettings settings;

    public Uni<ImageMember> add(Caller caller, String imageId, String memberId) {
        return access.findForUpdate(caller, imageId).chain(v -> {
            policy.requireOwner(caller, Policy.Rule.ADD_MEMBER, v);
            if (!"shared".equals(v.image().visibility)) {
                throw ApiException.forbidden("Image " + imageId + " is not shared: only shared images have "
                        + "members.");
            }
            return ImageMember.count("imageId", imageId).chain(count -> {
                if (count >= settings.quota().imageMembers()) {
                    throw ApiException.tooLarge("Maximum number of image members exceeded ("
                            + settings.quota().imageMembers() + ").");
                }
                return ImageMember.<ImageMember>find("imageId = ?1 and member = ?2", imageId, memberId)
                        .firstResult();
            }).chain(existing -> {
                if (existing != null) {
                    throw ApiException.conflict("Member " + memberId + " already exists for image " + imageId
                            + ".");
                }
                ImageMember m = new ImageMember();
                m.imageId = imageId;
                m.member = memberId;
                m.status = ImageMember.PENDING;
                m.createdAt = ImageTransitions.now();
                m.updatedAt = m.createdAt;
                return m.<ImageMember>persist();
            });
        });
    }

    public Uni<List<ImageMember>> list(Caller caller, String imageId) {
        return access.find(caller, imageId).chain(v -> {
            policy.require(caller, Policy.Rule.GET_MEMBERS, Policy.target(v.image(), v.membership()));
            if (caller.isAdmin() || caller.owns(v.image().owner)) {
                return ImageMember.<ImageMember>list("imageId = ?1 order by createdAt, member", imageId);
            }
            if (v.membership() != null) {
                return Uni.createFrom().item(List.of(v.membership()));
            }
            // a public or community image: its member list is none of the caller's business
            throw Policy.denied(Policy.Rule.GET_MEMBERS);
        });
    }

    public Uni<ImageMember> show(Caller caller, String imageId, String memberId) {
        return access.find(caller, imageId).chain(v -> {
            boolean owner = caller.isAdmin() || caller.owns(v.image().owner);
            if (!owner && !memberId.equals(caller.projectId())) {
                throw notFound(imageId, memberId);
            }
            policy.require(caller, Policy.Rule.GET_MEMBER, Policy.target(v.image(), null).with("member_id", memberId));
            return find(imageId, memberId);
        });
    }

    /** Only the member itself (or an admin) decides whether it accepts a share. */
    public Uni<ImageMember> update(Caller caller, String imageId, String memberId, String status) {
        return access.find(caller, imageId).chain(v -> {
            boolean self = memberId.equals(caller.projectId());
            if (!self && !caller.isAdmin() && !caller.owns(v.image().owner)) {
                throw notFound(imageId, memberId);
            }
            policy.require(caller, Policy.Rule.MODIFY_MEMBER, Policy.target(v.image(), null)
                    .with("member_id", memberId));
            return find(imageId, memberId).map(m -> {
                m.status = status;
                m.updatedAt = ImageTransitions.now();
                return m;
            });
        });
    }

    public Uni<Void> remove(Caller caller, String imageId, String memberId) {
        return access.findForUpdate(caller, imageId).chain(v -> {
            policy.requireOwner(caller, Policy.Rule.DELETE_MEMBER, v);
            return find(imageId, memberId).chain(m -> ImageMember.delete("imageId = ?1 and member = ?2",
                    imageId, memberId)).replaceWithVoid();
        });
    }

    private static Uni<ImageMember> find(String imageId, String memberId) {
        return ImageMember.<ImageMember>find("imageId = ?1 and member = ?2", imageId, memberId).firstResult()
                .map(m -> {
                    if (m == null) {
                        throw notFound(imageId, memberId);
                    }
                    return m;
                });
    }

    private static ApiException notFound(String imageId, String memberId) {
        return ApiException.notFound(memberId + " is not a member of image " + imageId + ".");
    }
}
