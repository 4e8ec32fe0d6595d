-- Keystone's data: domains, projects, users, groups, roles, assignments, the service catalog,
-- revocation events and the token signing keys.

create table domain (
    id          varchar(64) primary key,
    name        varchar(255) not null,
    description text,
    enabled     boolean not null default true,
    extra       text,
    created_at  timestamptz not null default now()
);
create unique index domain_name_key on domain (lower(name));

create table project (
    id          varchar(64) primary key,
    name        varchar(255) not null,
    domain_id   varchar(64) not null references domain (id),
    parent_id   varchar(64) references project (id),
    description text,
    enabled     boolean not null default true,
    extra       text,
    created_at  timestamptz not null default now()
);
create unique index project_name_key on project (domain_id, lower(name));
create index project_parent_idx on project (parent_id);

create table project_tag (
    project_id varchar(64) not null references project (id) on delete cascade,
    name       varchar(255) not null,
    primary key (project_id, name)
);

create table identity_user (
    id                  varchar(64) primary key,
    name                varchar(255) not null,
    domain_id           varchar(64) not null references domain (id),
    enabled             boolean not null default true,
    default_project_id  varchar(64),
    password_hash       varchar(255),
    password_changed_at timestamptz,
    extra               text,
    created_at          timestamptz not null default now()
);
create unique index identity_user_name_key on identity_user (domain_id, lower(name));

create table identity_group (
    id          varchar(64) primary key,
    name        varchar(255) not null,
    domain_id   varchar(64) not null references domain (id),
    description text,
    extra       text
);
create unique index identity_group_name_key on identity_group (domain_id, lower(name));

create table group_membership (
    user_id  varchar(64) not null references identity_user (id) on delete cascade,
    group_id varchar(64) not null references identity_group (id) on delete cascade,
    primary key (user_id, group_id)
);
create index group_membership_group_idx on group_membership (group_id);

create table role (
    id          varchar(64) primary key,
    name        varchar(255) not null,
    domain_id   varchar(64) references domain (id),
    description text,
    extra       text
);
-- global roles have no domain: one name per domain, '<<global>>' standing for none
create unique index role_name_key on role (coalesce(domain_id, '<<global>>'), lower(name));

create table implied_role (
    prior_role_id   varchar(64) not null references role (id) on delete cascade,
    implied_role_id varchar(64) not null references role (id) on delete cascade,
    primary key (prior_role_id, implied_role_id)
);

-- type: UserProject, GroupProject, UserDomain, GroupDomain
create table assignment (
    type      varchar(16) not null,
    actor_id  varchar(64) not null,
    target_id varchar(64) not null,
    role_id   varchar(64) not null references role (id) on delete cascade,
    inherited boolean not null default false,
    primary key (type, actor_id, target_id, role_id, inherited)
);
create index assignment_actor_idx on assignment (actor_id);
create index assignment_target_idx on assignment (target_id);
create index assignment_role_idx on assignment (role_id);

create table region (
    id               varchar(255) primary key,
    description      text,
    parent_region_id varchar(255) references region (id),
    extra            text
);

create table service (
    id          varchar(64) primary key,
    type        varchar(255) not null,
    name        varchar(255),
    description text,
    enabled     boolean not null default true,
    extra       text
);

create table endpoint (
    id         varchar(64) primary key,
    service_id varchar(64) not null references service (id) on delete cascade,
    interface  varchar(8) not null,
    region_id  varchar(255) references region (id),
    url        text not null,
    enabled    boolean not null default true,
    extra      text
);
create index endpoint_service_idx on endpoint (service_id);

create table revocation_event (
    id            bigserial primary key,
    audit_id      varchar(64),
    user_id       varchar(64),
    project_id    varchar(64),
    domain_id     varchar(64),
    role_id       varchar(64),
    issued_before timestamptz not null,
    revoked_at    timestamptz not null default now()
);
create index revocation_event_revoked_idx on revocation_event (revoked_at);

-- ES256 signing keys. A key is published from created_at, signs from activates_at, stops signing when a
-- newer key activates, and is deleted once no token it signed can still be valid.
create table signing_key (
    id           varchar(64) primary key,
    private_key  text not null,
    public_jwk   text not null,
    created_at   timestamptz not null default now(),
    activates_at timestamptz not null
);
