package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A user's secret for another authentication scheme (EC2 key pairs, TOTP seeds, ...), kept as an opaque blob. */
@Entity
@Table(name = "credential")
public class Credential extends PanacheEntityBase {
    public static final String EC2 = "ec2";

    @Id
    public String id;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "project_id")
    public String projectId;
    public String type;
    public String blob;
    public String extra;

    /**
     * An EC2 credential's id is the SHA-256 of its access key, so an EC2 signature (which names only the access
     * key) finds its credential directly.
     */
    public static String ec2Id(String access) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(access.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
