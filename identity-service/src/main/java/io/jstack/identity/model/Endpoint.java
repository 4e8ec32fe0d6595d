package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "endpoint")
public class Endpoint extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "service_id")
    public String serviceId;
    /** public, internal or admin. */
    @Column(name = "interface")
    public String iface;
    @Column(name = "region_id")
    public String regionId;
    public String url;
    public boolean enabled = true;
    public String extra;
}
