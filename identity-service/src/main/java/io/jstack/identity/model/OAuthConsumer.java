package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An OAuth1 consumer (OS-OAUTH1): an application that may ask users to delegate roles to it. */
@Entity
@Table(name = "oauth1_consumer")
public class OAuthConsumer extends PanacheEntityBase {
    @Id
    public String id;
    public String description;
    /** Shown once, when the consumer is created. */
    public String secret;
    public String extra;
}
