package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named set of endpoints (OS-EP-FILTER), described by filters on interface, service and region. */
@Entity
@Table(name = "endpoint_group")
public class EndpointGroup extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String description;
    /** A JSON object: {@code {"service_id": ..., "interface": ..., "region_id": ...}}, any subset. */
    public String filters;
    public String extra;
}
