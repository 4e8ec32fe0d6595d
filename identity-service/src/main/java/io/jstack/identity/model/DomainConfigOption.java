package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** One option of a domain's own configuration (for example {@code ldap.url}), its value as JSON. */
@Entity
@Table(name = "domain_config")
@IdClass(DomainConfigOption.Key.class)
public class DomainConfigOption extends PanacheEntityBase {
    @Id
    @Column(name = "domain_id")
    public String domainId;
    @Id
    @Column(name = "group_name")
    public String groupName;
    @Id
    @Column(name = "option_name")
    public String optionName;
    @Column(name = "value_json")
    public String valueJson;
    public boolean sensitive;

    public static DomainConfigOption of(String domainId, String group, String option, String valueJson,
                                        boolean sensitive) {
        DomainConfigOption o = new DomainConfigOption();
        o.domainId = domainId;
        o.groupName = group;
        o.optionName = option;
        o.valueJson = valueJson;
        o.sensitive = sensitive;
        return o;
    }

    public static class Key implements Serializable {
        public String domainId;
        public String groupName;
        public String optionName;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(domainId, k.domainId) && Objects.equals(groupName, k.groupName)
                    && Objects.equals(optionName, k.optionName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(domainId, groupName, optionName);
        }
    }
}
