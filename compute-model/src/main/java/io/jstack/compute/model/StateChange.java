package io.jstack.compute.model;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compare-and-swap update of one instance: {@code UPDATE instances SET ... WHERE uuid = ? AND deleted = false
 * AND <expected states>}. It changes the row only if the instance is still in the state the caller saw, so two
 * concurrent actions can never both win and no update is lost; {@link #apply()} tells whether it did.
 * Runs in the caller's reactive session (and transaction, if one is open).
 */
public final class StateChange {

    private final String uuid;
    private final Map<String, Object> sets = new LinkedHashMap<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    private StateChange(String uuid) {
        this.uuid = uuid;
    }

    public static StateChange of(String uuid) {
        return new StateChange(uuid);
    }

    /** Sets an entity field ({@code vmState}, {@code taskState}, ...); null writes NULL. */
    public StateChange set(String field, Object value) {
        sets.put(field, value);
        return this;
    }

    public StateChange vmState(String vmState) {
        return set("vmState", vmState);
    }

    public StateChange taskState(String taskState) {
        return set("taskState", taskState);
    }

    /** Only when the vm_state is one of these. */
    public StateChange expectVmState(Collection<String> vmStates) {
        return where("vmState in {}", List.copyOf(vmStates));
    }

    public StateChange expectVmState(String... vmStates) {
        return expectVmState(List.of(vmStates));
    }

    /** Only when the task_state is one of these; a null element means "no task running". */
    public StateChange expectTaskState(Collection<String> taskStates) {
        List<String> named = taskStates.stream().filter(java.util.Objects::nonNull).toList();
        boolean none = taskStates.stream().anyMatch(java.util.Objects::isNull);
        if (named.isEmpty()) {
            where(none ? "taskState is null" : "1 = 0");
        } else if (none) {
            where("(taskState is null or taskState in {})", named);
        } else {
            where("taskState in {}", named);
        }
        return this;
    }

    /** Only when no task is running. */
    public StateChange expectNoTask() {
        return where("taskState is null");
    }

    /** An extra condition; {@code {}} stands for the one parameter (or none). */
    public StateChange where(String clause, Object param) {
        conditions.add(clause);
        params.add(param);
        return this;
    }

    public StateChange where(String clause) {
        conditions.add(clause);
        params.add(null);
        return this;
    }

    /** True when the instance was in the expected state and is now changed. */
    public Uni<Boolean> apply() {
        StringBuilder hql = new StringBuilder();
        List<Object> values = new ArrayList<>();
        Map<String, Object> all = new LinkedHashMap<>(sets);
        all.putIfAbsent("updatedAt", Instant.now());
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (!hql.isEmpty()) {
                hql.append(", ");
            }
            if (e.getValue() == null) {
                hql.append(e.getKey()).append(" = null");
            } else {
                values.add(e.getValue());
                hql.append(e.getKey()).append(" = ?").append(values.size());
            }
        }
        values.add(uuid);
        hql.append(" where uuid = ?").append(values.size()).append(" and deleted = false");
        for (int i = 0; i < conditions.size(); i++) {
            String clause = conditions.get(i);
            if (clause.contains("{}")) {
                values.add(params.get(i));
                clause = clause.replace("{}", "?" + values.size());
            }
            hql.append(" and ").append(clause);
        }
        return Instance.update(hql.toString(), values.toArray()).map(n -> n == 1);
    }
}
