package io.jstack.compute.model;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of an instance action on a service (for example compute__do_build_and_run_instance). */
@Entity
@Table(name = "instance_actions_events")
public class InstanceActionEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "action_id")
    public Long actionId;
    public String event;
    @Column(name = "start_time")
    public Instant startTime;
    @Column(name = "finish_time")
    public Instant finishTime;
    /** Success or Error once finished. */
    public String result;
    public String traceback;
    public String host;
    public String details;
}
