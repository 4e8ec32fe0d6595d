package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A service in the catalog (Keystone's "service"), named so to keep it apart from our own service beans. */
@Entity
@Table(name = "service")
public class CatalogService extends PanacheEntityBase {
    @Id
    public String id;
    public String type;
    public String name;
    public String description;
    public boolean enabled = true;
    public String extra;
}
