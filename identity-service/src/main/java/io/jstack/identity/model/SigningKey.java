package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {
    @Id
    public String id;
    /** PKCS#8, base64. */
    @Column(name = "private_key")
    public String privateKey;
    /** The public half as a JWK (JSON). */
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "activates_at")
    public Instant activatesAt;
}
