package io.jstack.image.service;

import io.jstack.common.api.ApiException;
import io.jstack.image.model.Image;
import io.jstack.image.model.ImageStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Image lists: what each project sees (its own images, public ones, community ones it asks for, shared ones it
 * accepted), filtered, sorted and paged with a marker. Paging is by keyset: the marker image's sort values
 * bound the next page, so pages stay consistent while images come and go.
 */
@ApplicationScoped
public class ImageQueries {

    public record Page(List<ImageDetails> images, String nextMarker) {
    }

    @Inject
    Policy policy;

    @Inject
    PropertyProtections protections;

    public Uni<Page> list(Caller caller, ImageListQuery q) {
        policy.require(caller, Policy.Rule.GET_IMAGES);
        Uni<Image> marker = q.marker() == null ? Uni.createFrom().nullItem()
                : Image.<Image>findById(q.marker()).map(m -> {
                    if (m == null || m.status == ImageStatus.DELETED || !visibleInLists(caller, m)) {
                        throw ApiException.badRequest("marker " + q.marker() + " could not be found.");
                    }
                    return m;
                });
        return marker.chain(m -> {
            Hql hql = new Hql();
            scope(caller, q, hql);
            filters(q, hql);
            List<ImageListQuery.Sort> order = withTieBreakers(q.sort());
            if (m != null) {
                keyset(order, m, hql);
            }
            String query = "from Image i where " + hql.where() + " order by " + orderBy(order);
            if (q.limit() == 0) {
                return Uni.createFrom().item(new Page(List.of(), null));
            }
            return Image.<Image>find(query, hql.params()).range(0, q.limit() - 1).list()
                    .chain(images -> ImageDetails.of(images, caller, protections).map(details -> new Page(details,
                            images.size() == q.limit() ? images.getLast().id : null)));
        });
    }

    /** A marker must be an image the caller could list; an approximation of the list scope without filters. */
    private static boolean visibleInLists(Caller caller, Image m) {
        return caller.isAdmin() || caller.owns(m.owner) || !"private".equals(m.visibility);
    }

    private static void scope(Caller caller, ImageListQuery q, Hql hql) {
        // deleted and killed images never appear in lists, as in Glance
        hql.and("i.status not in ?", List.of(ImageStatus.DELETED, ImageStatus.KILLED));
        hql.and("i.osHidden = ?", q.osHidden());
        String project = caller.projectId();
        if (!caller.isAdmin()) {
            StringBuilder visible = new StringBuilder("(i.visibility in ('public', 'community')");
            if (project != null) {
                visible.append(" or i.owner = ").append(hql.param(project));
                visible.append(" or (i.visibility = 'shared' and exists (select 1 from ImageMember mb where ")
                        .append("mb.imageId = i.id and mb.member = ").append(hql.param(project));
                if (!"all".equals(q.memberStatus())) {
                    visible.append(" and mb.status = ").append(hql.param(q.memberStatus()));
                }
                visible.append("))");
            }
            hql.and(visible.append(")").toString());
        }
        if (q.visibility() != null) {
            if (!"all".equals(q.visibility())) {
                hql.and("i.visibility = ?", q.visibility());
            }
        } else if (project == null) {
            hql.and("i.visibility <> 'community'");
        } else {
            // community images show up only when asked for, unless they are the caller's own
            hql.and("(i.owner = ? or i.visibility <> 'community')", project);
        }
    }

    private static void filters(ImageListQuery q, Hql hql) {
        if (q.isProtected() != null) {
            hql.and("i.isProtected = ?", q.isProtected());
        }
        for (String tag : q.tags()) {
            hql.and("exists (select 1 from ImageTag t where t.imageId = i.id and t.value = ?)", tag);
        }
        q.properties().forEach((k, v) -> {
            String key = hql.param(k);
            String value = hql.param(v);
            hql.and("exists (select 1 from ImageProperty p where p.imageId = i.id and p.name = " + key
                    + " and p.value = " + value + ")");
        });
        for (ImageListQuery.Condition c : q.conditions()) {
            if (c.op() == ImageListQuery.Op.IN) {
                hql.and("i." + c.column() + " in ?", c.value());
            } else {
                hql.and("i." + c.column() + " " + c.op().hql + " ?", c.value());
            }
        }
    }

    /** created_at and id always end the sort, so the order is total and markers are exact. */
    static List<ImageListQuery.Sort> withTieBreakers(List<ImageListQuery.Sort> sort) {
        List<ImageListQuery.Sort> out = new ArrayList<>(sort);
        boolean ascending = sort.size() == 1 ? sort.getFirst().ascending() : false;
        if (out.stream().noneMatch(s -> s.key() == ImageListQuery.Key.CREATED_AT)) {
            out.add(new ImageListQuery.Sort(ImageListQuery.Key.CREATED_AT, ascending));
        }
        if (out.stream().noneMatch(s -> s.key() == ImageListQuery.Key.ID)) {
            out.add(new ImageListQuery.Sort(ImageListQuery.Key.ID, ascending));
        }
        return out;
    }

    /** Nullable columns sort as their coalesced value, so that keyset comparisons work on them. */
    private static String expression(ImageListQuery.Key key) {
        return switch (key) {
            case NAME -> "coalesce(i.name, '')";
            case STATUS -> "i.status";
            case CONTAINER_FORMAT -> "coalesce(i.containerFormat, '')";
            case DISK_FORMAT -> "coalesce(i.diskFormat, '')";
            case SIZE -> "coalesce(i.size, -1)";
            case ID -> "i.id";
            case CREATED_AT -> "i.createdAt";
            case UPDATED_AT -> "i.updatedAt";
        };
    }

    private static Object valueOf(ImageListQuery.Key key, Image m) {
        return switch (key) {
            case NAME -> m.name == null ? "" : m.name;
            case STATUS -> m.status;
            case CONTAINER_FORMAT -> m.containerFormat == null ? "" : m.containerFormat;
            case DISK_FORMAT -> m.diskFormat == null ? "" : m.diskFormat;
            case SIZE -> m.size == null ? -1L : m.size;
            case ID -> m.id;
            case CREATED_AT -> m.createdAt;
            case UPDATED_AT -> m.updatedAt;
        };
    }

    private static String orderBy(List<ImageListQuery.Sort> order) {
        List<String> parts = new ArrayList<>();
        for (ImageListQuery.Sort s : order) {
            parts.add(expression(s.key()) + (s.ascending() ? " asc" : " desc"));
        }
        return String.join(", ", parts);
    }

    /** (k1 after m1) or (k1 = m1 and k2 after m2) or ... */
    private static void keyset(List<ImageListQuery.Sort> order, Image marker, Hql hql) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            StringBuilder clause = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                ImageListQuery.Key k = order.get(j).key();
                clause.append(expression(k)).append(" = ").append(hql.param(valueOf(k, marker))).append(" and ");
            }
            ImageListQuery.Sort s = order.get(i);
            clause.append(expression(s.key())).append(s.ascending() ? " > " : " < ")
                    .append(hql.param(valueOf(s.key(), marker))).append(")");
            alternatives.add(clause.toString());
        }
        hql.and("(" + String.join(" or ", alternatives) + ")");
    }

    /** A where clause with numbered parameters; {@code ?} in a clause stands for the value passed with it. */
    static final class Hql {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        String param(Object value) {
            params.add(value);
            return "?" + params.size();
        }

        void and(String clause) {
            clauses.add(clause);
        }

        void and(String clause, Object value) {
            clauses.add(clause.replace("?", param(value)));
        }

        String where() {
            return clauses.isEmpty() ? "true" : String.join(" and ", clauses);
        }

        Object[] params() {
            return params.toArray();
        }
    }
}
