package io.jstack.image.service;

import java.util.Map;
import java.util.Set;

/** A validated create request; nulls mean "not given" and take Glance's defaults. */
public record NewImage(String id, String name, String visibility, Boolean isProtected, Boolean osHidden,
                       Integer minRam, Integer minDisk, String diskFormat, String containerFormat, String owner,
                       boolean ownerGiven, Set<String> tags, Map<String, String> properties) {
}
