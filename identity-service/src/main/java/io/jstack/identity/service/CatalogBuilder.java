package io.jstack.identity.service;

import io.jstack.identity.model.CatalogService;
import io.jstack.identity.model.Endpoint;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service catalog in a token: enabled services with their enabled endpoints, URLs made concrete. */
@ApplicationScoped
public class CatalogBuilder {

    /** Keystone's URL placeholders, {@code $(project_id)s} and {@code %(project_id)s} (and tenant_id). */
    private static final Pattern PLACEHOLDER = Pattern.compile("[$%]\\((project_id|tenant_id|user_id)\\)s");

    public Uni<List<Map<String, Object>>> catalog(String projectId, String userId) {
        return CatalogService.<CatalogService>list("enabled = true order by type").chain(services ->
                Endpoint.<Endpoint>list("enabled = true order by iface").map(endpoints -> {
                    List<Map<String, Object>> catalog = new ArrayList<>();
                    for (CatalogService service : services) {
                        List<Map<String, Object>> list = new ArrayList<>();
                        for (Endpoint e : endpoints) {
                            if (!e.serviceId.equals(service.id)) {
                                continue;
                            }
                            String url = substitute(e.url, projectId, userId);
                            if (url == null) {
                                continue; // needs a project and the token has none
                            }
                            Map<String, Object> endpoint = new LinkedHashMap<>();
                            endpoint.put("id", e.id);
                            endpoint.put("interface", e.iface);
                            endpoint.put("region", e.regionId);
                            endpoint.put("region_id", e.regionId);
                            endpoint.put("url", url);
                            list.add(endpoint);
                        }
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("endpoints", list);
                        entry.put("id", service.id);
                        entry.put("type", service.type);
                        entry.put("name", service.name == null ? "" : service.name);
                        catalog.add(entry);
                    }
                    return catalog;
                }));
    }

    static String substitute(String url, String projectId, String userId) {
        Matcher m = PLACEHOLDER.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("user_id") ? userId : projectId;
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
