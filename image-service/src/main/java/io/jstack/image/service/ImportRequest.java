package io.jstack.image.service;

import java.util.List;

/**
 * A validated {@code POST /v2/images/{id}/import}.
 *
 * @param raw    the request body as sent, kept in the task's input
 * @param stores the stores asked for; empty means the default store
 */
public record ImportRequest(String method, String uri, List<String> stores, boolean allStores,
                            boolean allStoresMustSucceed, Remote remote, Object raw) {
    public static final String GLANCE_DIRECT = "glance-direct";
    public static final String WEB_DOWNLOAD = "web-download";
    public static final String GLANCE_DOWNLOAD = "glance-download";
    public static final String COPY_IMAGE = "copy-image";

    /** glance-download's source: an image of the image service of a region, reached through this interface. */
    public record Remote(String imageId, String region, String serviceInterface) {
    }
}
