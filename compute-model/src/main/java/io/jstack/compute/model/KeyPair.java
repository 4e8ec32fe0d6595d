package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's key pair (public key only: a generated private key is returned once and not kept). */
@Entity
@Table(name = "key_pairs")
public class KeyPair extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Integer id;
    public String name;
    @Column(name = "user_id")
    public String userId;
    public String fingerprint;
    @Column(name = "public_key")
    public String publicKey;
    /** ssh or x509. */
    public String type = "ssh";
    @Column(name = "created_at")
    public Instant createdAt;
}
