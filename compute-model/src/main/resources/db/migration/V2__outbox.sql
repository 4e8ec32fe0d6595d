-- The outbox: casts whose loss would strand an instance (a build, a delete on a host, a server action) are
-- written here in the same transaction that changes the instance, then sent by compute-api at once and again by
-- its relay until the instance shows the message took effect. So a crash between the commit and the cast, or a
-- cast lost on the way (broker restart, a handler that failed), is re-driven; receivers are idempotent.
create table outbox (
    id              bigserial primary key,
    topic           varchar(255) not null,
    method          varchar(255) not null,
    version         varchar(16)  not null,
    context         text         not null,
    args            text         not null,
    -- the instances the message is about (comma-separated) and the task state it sets out to end: it has taken
    -- effect once none of them is still in that task state (without one, once the broker confirmed it)
    instance_uuids  text         not null,
    task_state      varchar(255),
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null
);
create index outbox_due on outbox (next_attempt_at);
