-- The compute database: what nova-api and nova-conductor keep. compute-api and the conductor both run this
-- migration at start (Flyway serialises them with its own lock).

-- Flavors: the sizes instances are built with. flavorid is the API id (any string); id orders listings.
create table flavors (
    id           serial primary key,
    flavorid     varchar(255) not null unique,
    name         varchar(255) not null unique,
    memory_mb    integer      not null,
    vcpus        integer      not null,
    root_gb      integer      not null,
    ephemeral_gb integer      not null default 0,
    swap         integer      not null default 0,
    rxtx_factor  double precision not null default 1.0,
    is_public    boolean      not null default true,
    disabled     boolean      not null default false,
    description  text,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz
);

create table flavor_extra_specs (
    flavor_id integer      not null references flavors (id) on delete cascade,
    key       varchar(255) not null,
    value     varchar(255) not null,
    primary key (flavor_id, key)
);

-- Projects that may use a private flavor.
create table flavor_projects (
    flavor_id  integer      not null references flavors (id) on delete cascade,
    project_id varchar(255) not null,
    primary key (flavor_id, project_id)
);

create table key_pairs (
    id          serial primary key,
    name        varchar(255) not null,
    user_id     varchar(255) not null,
    fingerprint varchar(255) not null,
    public_key  text         not null,
    type        varchar(16)  not null default 'ssh',
    created_at  timestamptz  not null default now(),
    unique (user_id, name)
);

-- Instances. Deleted instances stay (deleted = true) so listings with changes-since and deleted=true, and
-- instance actions, still find them. The flavor is copied in: it may change or go away later.
create table instances (
    id                   bigserial unique,
    uuid                 varchar(36)  primary key,
    display_name         varchar(255) not null,
    display_description  text,
    hostname             varchar(255),
    project_id           varchar(255) not null,
    user_id              varchar(255) not null,
    image_ref            varchar(255),
    flavor_id            varchar(255) not null,
    flavor_name          varchar(255) not null,
    vcpus                integer      not null,
    memory_mb            integer      not null,
    root_gb              integer      not null,
    ephemeral_gb         integer      not null,
    swap                 integer      not null,
    flavor_extra_specs   text,
    vm_state             varchar(255) not null,
    task_state           varchar(255),
    power_state          integer      not null default 0,
    host                 varchar(255),
    node                 varchar(255),
    availability_zone    varchar(255),
    pinned_availability_zone varchar(255),
    key_name             varchar(255),
    key_data             text,
    user_data            text,
    config_drive         varchar(255) not null default '',
    locked               boolean      not null default false,
    locked_by            varchar(16),
    locked_reason        text,
    reservation_id       varchar(255) not null,
    launch_index         integer      not null default 0,
    access_ip_v4         varchar(64),
    access_ip_v6         varchar(64),
    disk_config          varchar(16)  not null default 'MANUAL',
    progress             integer      not null default 0,
    root_device_name     varchar(255),
    scheduler_hints      text,
    launched_at          timestamptz,
    terminated_at        timestamptz,
    created_at           timestamptz  not null default now(),
    updated_at           timestamptz  not null default now(),
    deleted_at           timestamptz,
    deleted              boolean      not null default false
);
create index instances_project on instances (project_id, deleted);
create index instances_host on instances (host, deleted);
create index instances_created on instances (created_at, id);

create table instance_metadata (
    instance_uuid varchar(36)  not null references instances (uuid) on delete cascade,
    key           varchar(255) not null,
    value         varchar(255) not null,
    primary key (instance_uuid, key)
);

create table instance_tags (
    instance_uuid varchar(36) not null references instances (uuid) on delete cascade,
    tag           varchar(60) not null,
    primary key (instance_uuid, tag)
);

-- Why an instance is in ERROR (the newest one is shown).
create table instance_faults (
    id            bigserial primary key,
    instance_uuid varchar(36)  not null references instances (uuid) on delete cascade,
    code          integer      not null,
    message       varchar(255) not null,
    details       text,
    host          varchar(255),
    created_at    timestamptz  not null default now()
);
create index instance_faults_instance on instance_faults (instance_uuid, id);

-- os-instance-actions: one row per API request on an instance, events per step on services.
create table instance_actions (
    id            bigserial primary key,
    instance_uuid varchar(36)  not null references instances (uuid) on delete cascade,
    action        varchar(255) not null,
    request_id    varchar(255) not null,
    user_id       varchar(255),
    project_id    varchar(255),
    start_time    timestamptz  not null default now(),
    finish_time   timestamptz,
    message       varchar(255),
    updated_at    timestamptz  not null default now(),
    unique (instance_uuid, request_id)
);

create table instance_actions_events (
    id          bigserial primary key,
    action_id   bigint       not null references instance_actions (id) on delete cascade,
    event       varchar(255) not null,
    start_time  timestamptz  not null default now(),
    finish_time timestamptz,
    result      varchar(255),
    traceback   text,
    host        varchar(255),
    details     text,
    unique (action_id, event)
);

-- Block devices of an instance. For now only the image-backed root disk is recorded; volumes come with the
-- volume service.
create table block_device_mappings (
    id                    bigserial primary key,
    uuid                  varchar(36)  not null unique,
    instance_uuid         varchar(36)  not null references instances (uuid) on delete cascade,
    source_type           varchar(16)  not null,
    destination_type      varchar(16)  not null,
    device_name           varchar(255),
    boot_index            integer,
    image_id              varchar(36),
    volume_id             varchar(36),
    snapshot_id           varchar(36),
    volume_size           integer,
    delete_on_termination boolean      not null default false,
    guest_format          varchar(255),
    disk_bus              varchar(255),
    device_type           varchar(255),
    tag                   varchar(255),
    attachment_id         varchar(36),
    created_at            timestamptz  not null default now()
);

-- Quota limits set for a project (and for one user within a project), and the default class.
create table quotas (
    project_id varchar(255) not null,
    resource   varchar(255) not null,
    hard_limit integer      not null,
    primary key (project_id, resource)
);

create table project_user_quotas (
    project_id varchar(255) not null,
    user_id    varchar(255) not null,
    resource   varchar(255) not null,
    hard_limit integer      not null,
    primary key (project_id, user_id, resource)
);

create table quota_classes (
    class_name varchar(255) not null,
    resource   varchar(255) not null,
    hard_limit integer      not null,
    primary key (class_name, resource)
);

create table server_groups (
    id         serial primary key,
    uuid       varchar(36)  not null unique,
    name       varchar(255) not null,
    project_id varchar(255) not null,
    user_id    varchar(255) not null,
    policy     varchar(32)  not null,
    rules      text,
    created_at timestamptz  not null default now()
);

-- An instance is in at most one group.
create table server_group_members (
    group_id      integer     not null references server_groups (id) on delete cascade,
    instance_uuid varchar(36) not null primary key,
    created_at    timestamptz not null default now()
);

create table aggregates (
    id         serial primary key,
    uuid       varchar(36)  not null unique,
    name       varchar(255) not null unique,
    created_at timestamptz  not null default now(),
    updated_at timestamptz
);

create table aggregate_hosts (
    aggregate_id integer      not null references aggregates (id) on delete cascade,
    host         varchar(255) not null,
    primary key (aggregate_id, host)
);

-- The availability zone of an aggregate is its metadata key availability_zone, as in Nova.
create table aggregate_metadata (
    aggregate_id integer      not null references aggregates (id) on delete cascade,
    key          varchar(255) not null,
    value        varchar(255) not null,
    primary key (aggregate_id, key)
);

-- Services (nova-compute agents, the conductor): up while they report more often than service_down_time.
create table services (
    id              serial primary key,
    uuid            varchar(36)  not null unique,
    host            varchar(255) not null,
    service_binary  varchar(255) not null,
    topic           varchar(255),
    report_count    integer      not null default 0,
    disabled        boolean      not null default false,
    disabled_reason varchar(255),
    forced_down     boolean      not null default false,
    last_seen_up    timestamptz,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz,
    unique (host, service_binary)
);

-- Hypervisor facts as agents report them (os-hypervisors); usage is counted from instances.
create table compute_nodes (
    id                  serial primary key,
    uuid                varchar(36)  not null unique,
    host                varchar(255) not null,
    hypervisor_hostname varchar(255) not null unique,
    hypervisor_type     varchar(255) not null,
    hypervisor_version  bigint       not null default 0,
    host_ip             varchar(64),
    vcpus               integer      not null default 0,
    memory_mb           integer      not null default 0,
    local_gb            integer      not null default 0,
    cpu_info            text,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz
);
