package io.jstack.compute.service;

import java.util.List;
import java.util.Map;

/**
 * A validated server create request (the body of POST /servers and its scheduler hints).
 *
 * @param networks      "auto", "none", or null when networks were listed (none exist here to list)
 * @param zone          the availability zone asked for, or null
 * @param forcedHost    an admin's "zone:host" or 2.74 host, or null
 * @param hints         every scheduler hint as given, values as lists of strings
 */
public record CreateServer(String name, String description, String hostname, String imageRef, String flavorRef,
                           String keyName, Map<String, String> metadata, String userData, String adminPass,
                           String zone, String forcedHost, String forcedNode, int minCount, int maxCount,
                           boolean returnReservationId, String networks, List<String> tags, String diskConfig,
                           String accessIpV4, String accessIpV6, boolean configDrive, String groupId,
                           List<String> sameHost, List<String> differentHost, Map<String, List<String>> hints) {
}
