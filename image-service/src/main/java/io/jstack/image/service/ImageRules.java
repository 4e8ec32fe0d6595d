package io.jstack.image.service;

import io.jstack.common.policy.PolicyDefaults;
import io.jstack.common.policy.RuleDefault;

import java.util.ArrayList;
import java.util.List;

/**
 * The image API's rules, named and defaulted as Glance's secure defaults: the cloud admin
 * ({@code context_is_admin}, shared by every service) does anything; a project's readers read and its members
 * change the images it owns ({@code project_id} of the target is the image's owner); images shared with a
 * project ({@code member_id}), public, community and shared ones are readable and downloadable by others.
 */
public final class ImageRules implements PolicyDefaults {

    private static final List<RuleDefault> ALL = new ArrayList<>();

    private static RuleDefault rule(String name, String check, String description) {
        RuleDefault rule = new RuleDefault(name, check, description);
        ALL.add(rule);
        return rule;
    }

    private static final String ADMIN = "rule:context_is_admin";
    private static final String PROJECT_MEMBER = "role:member and project_id:%(project_id)s";
    private static final String PROJECT_READER = "role:reader and project_id:%(project_id)s";
    private static final String ADMIN_OR_MEMBER = ADMIN + " or (" + PROJECT_MEMBER + ")";
    private static final String ADMIN_OR_READER = ADMIN + " or (" + PROJECT_READER + ")";
    private static final String SHARED_OR_PUBLIC = "project_id:%(project_id)s or project_id:%(member_id)s or "
            + "'community':%(visibility)s or 'public':%(visibility)s or 'shared':%(visibility)s";

    static final RuleDefault DEFAULT = rule("default", "", "What rules left empty mean.");
    static final RuleDefault SERVICE_API = rule("service_api", "role:service or role:admin",
            "Other services calling on behalf of users.");
    static final RuleDefault METADEF_ADMIN = rule("metadef_admin", ADMIN, "Who manages metadata definitions.");

    static final RuleDefault ADD_IMAGE = rule("add_image", ADMIN + " or (" + PROJECT_MEMBER
            + " and project_id:%(owner)s)", "Create an image (owned by one's own project).");
    static final RuleDefault GET_IMAGE = rule("get_image", ADMIN + " or (role:reader and (" + SHARED_OR_PUBLIC
            + "))", "Show an image.");
    static final RuleDefault GET_IMAGES = rule("get_images", ADMIN_OR_READER, "List images.");
    static final RuleDefault MODIFY_IMAGE = rule("modify_image", ADMIN_OR_MEMBER,
            "Update an image, its tags, or stage and import its data.");
    static final RuleDefault DELETE_IMAGE = rule("delete_image", ADMIN_OR_MEMBER, "Delete an image.");
    static final RuleDefault PUBLICIZE_IMAGE = rule("publicize_image", ADMIN, "Make an image public.");
    static final RuleDefault COMMUNITIZE_IMAGE = rule("communitize_image", ADMIN_OR_MEMBER,
            "Make an image community.");
    static final RuleDefault UPLOAD_IMAGE = rule("upload_image", ADMIN_OR_MEMBER, "Upload an image's data.");
    static final RuleDefault DOWNLOAD_IMAGE = rule("download_image", ADMIN + " or (role:member and ("
            + SHARED_OR_PUBLIC + "))", "Download an image's data.");
    static final RuleDefault DEACTIVATE = rule("deactivate", ADMIN_OR_MEMBER, "Deactivate an image.");
    static final RuleDefault REACTIVATE = rule("reactivate", ADMIN_OR_MEMBER, "Reactivate an image.");
    static final RuleDefault ADD_MEMBER = rule("add_member", ADMIN_OR_MEMBER, "Share an image with a project.");
    static final RuleDefault DELETE_MEMBER = rule("delete_member", ADMIN_OR_MEMBER,
            "Stop sharing an image with a project.");
    static final RuleDefault GET_MEMBER = rule("get_member", ADMIN + " or role:reader and (project_id:%(project_id)s "
            + "or project_id:%(member_id)s)", "Show an image's member.");
    static final RuleDefault GET_MEMBERS = rule("get_members", ADMIN + " or role:reader and "
            + "(project_id:%(project_id)s or project_id:%(member_id)s)", "List an image's members.");
    static final RuleDefault MODIFY_MEMBER = rule("modify_member", ADMIN + " or (role:member and "
            + "project_id:%(member_id)s)", "Accept or reject an image shared with one's project.");
    static final RuleDefault GET_TASKS = rule("get_image_tasks", ADMIN_OR_READER,
            "List an image's import tasks.");
    static final RuleDefault STORES_INFO_DETAIL = rule("stores_info_detail", ADMIN + " or rule:service_api",
            "Show the stores with their details.");
    static final RuleDefault COPY_IMAGE = rule("copy_image", ADMIN, "Copy an image to other stores.");
    static final RuleDefault GET_METADEF = rule("get_metadef_namespace", ADMIN + " or (role:reader and "
            + "(project_id:%(project_id)s or 'public':%(visibility)s))",
            "Read metadata definitions (every metadef read).");
    static final RuleDefault MANAGE_METADEF = rule("modify_metadef_namespace", "rule:metadef_admin",
            "Change metadata definitions (every metadef change).");

    @Override
    public List<RuleDefault> rules() {
        return List.copyOf(ALL);
    }
}
