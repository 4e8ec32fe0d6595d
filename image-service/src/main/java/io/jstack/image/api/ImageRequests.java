package io.jstack.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstack.common.api.ApiException;
import io.jstack.common.api.MediaTypes;
import io.jstack.image.service.BaseAttribute;
import io.jstack.image.service.ImageAccess;
import io.jstack.image.service.ImageChange;
import io.jstack.image.service.ImageListQuery;
import io.jstack.image.service.ImageSettings;
import io.jstack.image.service.ImportRequest;
import io.jstack.image.service.Members;
import io.jstack.image.service.NewImage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the images API's request bodies and query strings into validated service requests, Glance's rules. */
@Singleton
public class ImageRequests {

    public static final String PATCH_V21 = "application/openstack-images-v2.1-json-patch";
    public static final String PATCH_V20 = "application/openstack-images-v2.0-json-patch";

    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace");

    @Inject
    ImageFields fields;

    @Inject
    ImageSettings settings;

    // ---- create -------------------------------------------------------------------------------------------------

    public NewImage create(byte[] body) {
        JsonNode json = Json.object(body);
        Map<String, JsonNode> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            given.put(e.getKey(), e.getValue());
        }
        // links and computed values first (403), then types (400), then reserved names (403)
        for (String k : List.of("direct_url", "self", "file", "schema", "stores")) {
            if (given.containsKey(k)) {
                throw ApiException.forbidden("Attribute '" + k + "' is read-only.");
            }
        }
        String id = null;
        if (given.containsKey("id")) {
            JsonNode v = given.remove("id");
            if (!v.isTextual() || !ImageAccess.UUID.matcher(v.textValue()).matches()) {
                throw ImageFields.invalid("id", v + " does not match the UUID pattern");
            }
            id = v.textValue();
        }
        Map<String, Object> base = new LinkedHashMap<>();
        Map<String, String> custom = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : given.entrySet()) {
            String k = e.getKey();
            if (BaseAttribute.isBase(k)) {
                base.put(k, fields.base(k, e.getValue()));
            } else if (!BaseAttribute.READ_ONLY.contains(k) && !BaseAttribute.isReserved(k)) {
                String value = fields.custom(k, e.getValue());
                if (value != null) {
                    custom.put(k, value);
                }
            }
        }
        for (String k : given.keySet()) {
            if (!BaseAttribute.isBase(k)) {
                ImageFields.checkNotReserved(k);
            }
        }
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) base.getOrDefault("tags", List.of());
        return new NewImage(id, (String) base.get("name"), (String) base.get("visibility"),
                (Boolean) base.get("protected"), (Boolean) base.get("os_hidden"), (Integer) base.get("min_ram"),
                (Integer) base.get("min_disk"), (String) base.get("disk_format"),
                (String) base.get("container_format"), (String) base.get("owner"), base.containsKey("owner"),
                new LinkedHashSet<>(tags), custom);
    }

    // ---- update (JSON patch) ------------------------------------------------------------------------------------

    /** The draft of a PATCH media type (10 for v2.1, 4 for v2.0), or -1 when it is not one. */
    public static int patchDraft(String contentType) {
        if (contentType == null) {
            return -1;
        }
        return switch (MediaTypes.essence(contentType)) {
            case PATCH_V21 -> 10;
            case PATCH_V20 -> 4;
            default -> -1;
        };
    }

    public List<ImageChange> patch(int draft, byte[] body) {
        JsonNode json = Json.parse(body);
        if (!json.isArray()) {
            throw ApiException.badRequest("Request body must be a JSON array of operation objects.");
        }
        List<ImageChange> changes = new ArrayList<>();
        for (JsonNode raw : json) {
            if (!raw.isObject()) {
                throw ApiException.badRequest("Operations must be JSON objects.");
            }
            String op;
            String pointer;
            if (draft == 10) {
                JsonNode o = raw.get("op");
                if (o == null) {
                    throw ApiException.badRequest("Unable to find `op` in JSON Schema change. It must be one of "
                            + "the following: add, remove, replace.");
                }
                if (!o.isTextual() || !OPERATIONS.contains(o.textValue())) {
                    throw ApiException.badRequest("Invalid operation: `" + (o.isTextual() ? o.textValue() : o)
                            + "`. It must be one of the following: add, remove, replace.");
                }
                op = o.textValue();
                JsonNode p = raw.get("path");
                if (p == null || !p.isTextual()) {
                    throw ApiException.badRequest("Unable to find 'path' in JSON Schema change");
                }
                pointer = p.textValue();
            } else {
                op = null;
                for (String candidate : OPERATIONS) {
                    if (raw.has(candidate)) {
                        if (op != null) {
                            throw ApiException.badRequest("Operation objects must contain only one member named "
                                    + "\"add\", \"remove\", or \"replace\".");
                        }
                        op = candidate;
                    }
                }
                if (op == null) {
                    throw ApiException.badRequest("Operation objects must contain exactly one member named "
                            + "\"add\", \"remove\", or \"replace\".");
                }
                if (!raw.get(op).isTextual()) {
                    throw ApiException.badRequest("The path of a JSON patch operation must be a string.");
                }
                pointer = raw.get(op).textValue();
            }
            List<String> path = decodePointer(pointer);
            String root = path.getFirst();
            if ("locations".equals(root)) {
                throw ApiException.forbidden("It's not allowed to update locations if locations are invisible.");
            }
            if (path.size() != 1) {
                throw ApiException.badRequest("Invalid JSON pointer for this resource: '/" + String.join("/", path)
                        + "'");
            }
            if (!BaseAttribute.isBase(root)) {
                ImageFields.checkNotReserved(root);
            }
            ImageChange.Op kind = ImageChange.Op.valueOf(op.toUpperCase(Locale.ROOT));
            Object value = null;
            if (kind != ImageChange.Op.REMOVE) {
                if (!raw.has("value")) {
                    throw ApiException.badRequest("Operation \"" + op + "\" requires a member named \"value\".");
                }
                JsonNode v = raw.get("value");
                value = BaseAttribute.isBase(root) ? fields.base(root, v) : fields.custom(root, v);
                if (value == null && !BaseAttribute.isBase(root)) {
                    // kernel_id/ramdisk_id set to null: the same as removing them
                    kind = ImageChange.Op.REMOVE;
                }
            }
            changes.add(new ImageChange(kind, root, value, draft == 4));
        }
        return changes;
    }

    private static final Pattern BAD_ESCAPE = Pattern.compile("~[^01]");

    /** A JSON pointer, in the limited form Glance accepts. */
    static List<String> decodePointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw ApiException.badRequest("Pointer `" + pointer + "` does not start with \"/\".");
        }
        if (Pattern.compile("/\\s*?/").matcher(pointer.substring(1)).find()) {
            throw ApiException.badRequest("Pointer `" + pointer + "` contains adjacent \"/\".");
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw ApiException.badRequest("Pointer `" + pointer + "` end with \"/\".");
        }
        if (pointer.substring(1).strip().equals("/") || pointer.equals("/")) {
            throw ApiException.badRequest("Pointer `" + pointer + "` does not contains valid token.");
        }
        if (BAD_ESCAPE.matcher(pointer).find() || pointer.endsWith("~")) {
            throw ApiException.badRequest("Pointer `" + pointer + "` contains \"~\" not part of a recognized "
                    + "escape sequence.");
        }
        List<String> parts = new ArrayList<>();
        for (String part : pointer.substring(1).split("/")) {
            parts.add(part.replace("~1", "/").replace("~0", "~").strip());
        }
        return parts;
    }

    // ---- list ---------------------------------------------------------------------------------------------------

    private static final Set<String> EXACT_COLUMNS = Set.of("name", "id", "status", "container_format",
            "disk_format");
    private static final Map<String, String> NUMERIC_COLUMNS = Map.of("size", "size", "virtual_size",
            "virtualSize", "min_ram", "minRam", "min_disk", "minDisk");

    public ImageListQuery list(MultivaluedMap<String, String> params) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, new ArrayList<>(v)));

        int limit = settings.list().defaultLimit();
        String rawLimit = first(p, "limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit param must be an integer");
            }
            if (limit < 0) {
                throw ApiException.badRequest("limit param must be positive");
            }
        }
        limit = Math.min(limit, settings.list().maxLimit());
        String marker = first(p, "marker");
        String memberStatus = first(p, "member_status");
        if (memberStatus == null) {
            memberStatus = "accepted";
        } else if (!Members.STATUSES.contains(memberStatus) && !"all".equals(memberStatus)) {
            throw ApiException.badRequest("Invalid status: " + memberStatus);
        }
        String visibility = first(p, "visibility");
        if (visibility != null && !ImageFields.VISIBILITIES.contains(visibility) && !"all".equals(visibility)) {
            throw ApiException.badRequest("Invalid visibility value: " + visibility);
        }
        if (p.containsKey("changes-since")) {
            throw ApiException.badRequest("The \"changes-since\" filter is no longer available on v2.");
        }
        List<ImageListQuery.Sort> sort = sorting(p);
        boolean osHidden = bool(p.remove("os_hidden"), "os_hidden", false);
        Boolean isProtected = p.containsKey("protected") ? bool(p.remove("protected"), "protected", false) : null;
        List<String> tags = p.containsKey("tag") ? p.remove("tag").stream().map(String::strip).toList() : List.of();

        List<ImageListQuery.Condition> conditions = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : p.entrySet()) {
            String k = e.getKey();
            String v = e.getValue().isEmpty() ? "" : e.getValue().getFirst();
            if (EXACT_COLUMNS.contains(k)) {
                conditions.add(listCondition(k, v));
            } else if (k.equals("created_at") || k.equals("updated_at")) {
                conditions.add(timeCondition(k, v));
            } else if (k.endsWith("_min") || k.endsWith("_max")) {
                String column = NUMERIC_COLUMNS.get(k.substring(0, k.length() - 4));
                if (column == null) {
                    properties.put(k, v);
                    continue;
                }
                conditions.add(new ImageListQuery.Condition(column, k.endsWith("_min") ? ImageListQuery.Op.GTE
                        : ImageListQuery.Op.LTE, number(v, "Unable to filter on a range with a non-numeric value.")));
            } else if (NUMERIC_COLUMNS.containsKey(k)) {
                conditions.add(new ImageListQuery.Condition(NUMERIC_COLUMNS.get(k), ImageListQuery.Op.EQ,
                        number(v, "Invalid value for " + k + ": " + v)));
            } else if (k.equals("owner") || k.equals("checksum") || k.equals("os_hash_value")) {
                conditions.add(new ImageListQuery.Condition(k.equals("os_hash_value") ? "osHashValue" : k,
                        ImageListQuery.Op.EQ, v));
            } else {
                properties.put(k, v);
            }
        }
        return new ImageListQuery(limit, marker, sort, visibility, memberStatus, osHidden, isProtected, tags,
                properties, conditions);
    }

    private static String first(Map<String, List<String>> p, String key) {
        List<String> values = p.remove(key);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static boolean bool(List<String> values, String name, boolean dflt) {
        if (values == null || values.isEmpty()) {
            return dflt;
        }
        String v = values.getFirst().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw ApiException.badRequest("Invalid value '" + values.getFirst() + "' for '" + name
                    + "' filter. Valid values are 'true' or 'false'.");
        }
        return v.equals("true");
    }

    private static Long number(String v, String message) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(message);
        }
    }

    private static ImageListQuery.Condition listCondition(String key, String expression) {
        String column = switch (key) {
            case "container_format" -> "containerFormat";
            case "disk_format" -> "diskFormat";
            default -> key;
        };
        String op = "eq";
        String value = expression;
        int colon = expression.indexOf(':');
        if (colon > 0 && expression.substring(0, colon).matches("[a-z]+")) {
            op = expression.substring(0, colon);
            value = expression.substring(colon + 1);
        }
        List<String> values = switch (op) {
            case "in" -> splitQuoted(value);
            case "eq" -> List.of(value);
            default -> throw ApiException.badRequest("Unable to filter by unknown operator '" + op + "'.");
        };
        if (key.equals("status")) {
            List<io.jstack.image.model.ImageStatus> statuses = new ArrayList<>();
            for (String s : values) {
                try {
                    statuses.add(io.jstack.image.model.ImageStatus.of(s));
                } catch (IllegalArgumentException e) {
                    // an unknown status matches nothing
                }
            }
            if (statuses.isEmpty()) {
                return new ImageListQuery.Condition("id", ImageListQuery.Op.IN, List.of());
            }
            return new ImageListQuery.Condition(column, ImageListQuery.Op.IN, statuses);
        }
        return new ImageListQuery.Condition(column, ImageListQuery.Op.IN, values);
    }

    /** {@code in:a,"b,c",d}: comma-separated, with double quotes around values that contain commas. */
    static List<String> splitQuoted(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                current.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw ApiException.badRequest("Invalid filter value " + value + ". The quote is not closed.");
        }
        out.add(current.toString());
        return out;
    }

    private static ImageListQuery.Condition timeCondition(String key, String expression) {
        String column = key.equals("created_at") ? "createdAt" : "updatedAt";
        String op = "eq";
        String time = expression;
        int colon = expression.indexOf(':');
        if (colon > 0 && expression.substring(0, colon).matches("[a-z]+")) {
            op = expression.substring(0, colon);
            time = expression.substring(colon + 1);
        }
        ImageListQuery.Op operator = switch (op) {
            case "gt" -> ImageListQuery.Op.GT;
            case "gte" -> ImageListQuery.Op.GTE;
            case "lt" -> ImageListQuery.Op.LT;
            case "lte" -> ImageListQuery.Op.LTE;
            case "eq" -> ImageListQuery.Op.EQ;
            case "neq" -> ImageListQuery.Op.NEQ;
            default -> throw ApiException.badRequest("Unable to filter on a unknown operator.");
        };
        try {
            return new ImageListQuery.Condition(column, operator, parseTime(time));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Bad \"" + key + "\" query filter format. Use ISO 8601 DateTime notation.");
        }
    }

    /** ISO 8601, with an offset or Z; without one the time is UTC. */
    static java.time.Instant parseTime(String value) {
        String v = value.trim();
        try {
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    private List<ImageListQuery.Sort> sorting(Map<String, List<String>> p) {
        List<ImageListQuery.Sort> out = new ArrayList<>();
        if (p.containsKey("sort")) {
            if (p.containsKey("sort_key") || p.containsKey("sort_dir")) {
                throw ApiException.badRequest("Old and new sorting syntax cannot be combined");
            }
            for (String part : first(p, "sort").strip().split(",")) {
                String[] kd = part.split(":", 2);
                out.add(new ImageListQuery.Sort(sortKey(kd[0].strip()),
                        kd.length == 1 || kd[1].isBlank() ? false : ascending(kd[1].strip())));
            }
            return out;
        }
        List<String> keys = p.containsKey("sort_key") ? p.remove("sort_key") : List.of();
        List<String> dirs = p.containsKey("sort_dir") ? p.remove("sort_dir") : List.of();
        if (dirs.size() > 1 && dirs.size() != keys.size()) {
            throw ApiException.badRequest("Number of sort dirs does not match the number of sort keys");
        }
        List<Boolean> ascending = dirs.stream().map(d -> ascending(d.strip())).toList();
        if (keys.isEmpty()) {
            keys = List.of("created_at");
        }
        for (int i = 0; i < keys.size(); i++) {
            boolean asc = ascending.isEmpty() ? false : ascending.size() == 1 ? ascending.getFirst() : ascending.get(i);
            out.add(new ImageListQuery.Sort(sortKey(keys.get(i).strip()), asc));
        }
        return out;
    }

    private static ImageListQuery.Key sortKey(String key) {
        ImageListQuery.Key k = ImageListQuery.Key.of(key);
        if (k == null) {
            throw ApiException.badRequest("Invalid sort key: " + key + ". It must be one of the following: name, "
                    + "status, container_format, disk_format, size, id, created_at, updated_at.");
        }
        return k;
    }

    private static boolean ascending(String dir) {
        return switch (dir) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw ApiException.badRequest("Invalid sort direction: " + dir);
        };
    }

    // ---- import -------------------------------------------------------------------------------------------------

    public ImportRequest importRequest(byte[] body) {
        JsonNode json = Json.object(body);
        JsonNode method = json.get("method");
        if (method == null || !method.isObject()) {
            throw ApiException.badRequest("Import request requires a 'method' field.");
        }
        JsonNode name = method.get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("Import request requires a 'name' field.");
        }
        if (!settings.imports().methods().contains(name.textValue())) {
            throw ApiException.badRequest("Unknown import method name '" + name.textValue() + "'.");
        }
        JsonNode mustSucceed = json.get("all_stores_must_succeed");
        if (mustSucceed != null && !mustSucceed.isBoolean()) {
            throw ApiException.badRequest("'all_stores_must_succeed' must be boolean value only");
        }
        JsonNode allStores = json.get("all_stores");
        if (allStores != null && !allStores.isBoolean()) {
            throw ApiException.badRequest("'all_stores' must be boolean value only");
        }
        List<String> stores = new ArrayList<>();
        JsonNode s = json.get("stores");
        if (s != null && !s.isNull()) {
            if (!s.isArray()) {
                throw ApiException.badRequest("'stores' must be a list of store identifiers");
            }
            s.forEach(n -> stores.add(n.asText()));
            if (allStores != null && allStores.booleanValue()) {
                throw ApiException.badRequest("All_stores parameter can't be used with x-image-meta-store header "
                        + "or stores parameter");
            }
        }
        String uri = null;
        if (ImportRequest.WEB_DOWNLOAD.equals(name.textValue())) {
            JsonNode u = method.get("uri");
            if (u == null || !u.isTextual()) {
                throw ApiException.badRequest("URI for web-download does not pass filtering: " + u);
            }
            uri = u.textValue();
        }
        ImportRequest.Remote remote = null;
        if (ImportRequest.GLANCE_DOWNLOAD.equals(name.textValue())) {
            JsonNode region = method.get("glance_region");
            JsonNode image = method.get("glance_image_id");
            if (region == null || !region.isTextual()) {
                throw ApiException.badRequest("'glance_region' needs to be set for glance-download import method");
            }
            if (image == null || !image.isTextual()) {
                throw ApiException.badRequest("'glance_image_id' needs to be set for glance-download import method");
            }
            if (!ImageAccess.UUID.matcher(image.textValue()).matches()) {
                throw ApiException.badRequest("Remote image id does not look like a UUID: " + image.textValue());
            }
            JsonNode iface = method.get("glance_service_interface");
            remote = new ImportRequest.Remote(image.textValue(), region.textValue(),
                    iface != null && iface.isTextual() ? iface.textValue() : "public");
        }
        return new ImportRequest(name.textValue(), uri, stores, allStores != null && allStores.booleanValue(),
                mustSucceed == null || mustSucceed.booleanValue(), remote, Json.plain(json));
    }
}
