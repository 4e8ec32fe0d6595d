package io.jstack.identity.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * OS-TRUST: a trustor's delegation of some of their roles on a project to a trustee, who gets trust-scoped tokens
 * with those roles (as the trustor when {@code impersonation}).
 */
@Entity
@Table(name = "trust")
public class Trust extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "trustor_user_id")
    public String trustorUserId;
    @Column(name = "trustee_user_id")
    public String trusteeUserId;
    /** Null: a trust on no project (its tokens are unscoped). */
    @Column(name = "project_id")
    public String projectId;
    public boolean impersonation;
    @Column(name = "expires_at")
    public Instant expiresAt;
    /** Tokens that may still be issued through it; null for no limit. */
    @Column(name = "remaining_uses")
    public Integer remainingUses;
    /** The trust this one was redelegated from, or null. */
    @Column(name = "redelegated_trust_id")
    public String redelegatedTrustId;
    /** How many more times it may be redelegated (0: not at all). */
    @Column(name = "redelegation_count")
    public int redelegationCount;
    public String extra;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** Keystone hides a trust that expired or has no uses left: it is as good as gone. */
    public boolean isUsable(Instant now) {
        return (expiresAt == null || !now.isAfter(expiresAt)) && (remainingUses == null || remainingUses > 0);
    }
}
