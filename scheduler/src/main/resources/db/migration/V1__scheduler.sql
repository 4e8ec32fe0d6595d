-- The scheduler's own database (nova-scheduler + placement): resource providers (one per compute host) with their
-- inventory and usage, allocations (claims, one per instance), the operators' service status of each host, and a
-- mirror of compute-api's host aggregates.

-- One compute host. Inventory comes from the agent's reports; usage is the sum of the host's allocations, kept
-- here by the same statements that insert and delete allocations so a claim is one conditional UPDATE.
create table resource_provider (
    host                  text primary key,
    node                  text not null,
    hypervisor_type       text,
    hypervisor_version    bigint not null default 0,
    host_ip               text,
    vcpus                 integer not null,
    memory_mb             integer not null,
    disk_gb               integer not null,
    reserved_vcpus        integer not null default 0,
    reserved_memory_mb    integer not null default 0,
    reserved_disk_gb      integer not null default 0,
    cpu_allocation_ratio  double precision not null,
    ram_allocation_ratio  double precision not null,
    disk_allocation_ratio double precision not null,
    vcpus_used            integer not null default 0,
    memory_mb_used        bigint not null default 0,
    disk_gb_used          integer not null default 0,
    instances             integer not null default 0,
    io_ops                integer not null default 0,
    failed_builds         integer not null default 0,
    capabilities          jsonb not null default '{}',
    traits                text[] not null default '{}',
    reported_at           timestamptz not null,
    -- bumped by every change, so a replica's memory never goes back to an older view of the row
    generation            bigint not null default 1,
    constraint usage_not_negative check (vcpus_used >= 0 and memory_mb_used >= 0 and disk_gb_used >= 0
                                         and instances >= 0)
);

-- What one instance (the consumer) holds on one host.
create table allocation (
    consumer_uuid text primary key,
    host          text not null references resource_provider (host),
    vcpus         integer not null,
    memory_mb     integer not null,
    disk_gb       integer not null,
    project_id    text,
    user_id       text,
    created_at    timestamptz not null default now()
);
create index allocation_host on allocation (host);

-- os-services status as the operator set it; a host without a row is enabled.
create table host_status (
    host            text primary key,
    enabled         boolean not null,
    forced_down     boolean not null,
    disabled_reason text,
    updated_at      timestamptz not null default now()
);

-- Host aggregates as compute-api holds them (replaced as a whole by sync_aggregates).
create table aggregate (
    id                text primary key,
    name              text not null,
    availability_zone text,
    metadata          jsonb not null default '{}'
);

create table aggregate_host (
    aggregate_id text not null references aggregate (id) on delete cascade,
    host         text not null,
    primary key (aggregate_id, host)
);
