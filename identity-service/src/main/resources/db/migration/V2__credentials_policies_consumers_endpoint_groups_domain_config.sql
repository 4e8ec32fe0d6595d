-- Credentials (EC2 key pairs and others), policy blobs, OAuth1 consumers, endpoint groups, and
-- domain-specific configuration.

-- A credential belongs to its user and, optionally, a project: it goes when either goes, as in Keystone.
-- blob is kept as the client sent it (a string; for type 'ec2' a JSON object with 'access' and 'secret').
create table credential (
    id         varchar(64) primary key,
    user_id    varchar(64) not null references identity_user (id) on delete cascade,
    project_id varchar(64) references project (id) on delete cascade,
    type       varchar(255) not null,
    blob       text not null,
    extra      text
);
create index credential_user_idx on credential (user_id);
create index credential_project_idx on credential (project_id);

-- Opaque policy documents that services may fetch (Keystone's /v3/policies); never interpreted here.
create table policy_blob (
    id    varchar(64) primary key,
    type  varchar(255) not null,
    blob  text not null,
    extra text
);

-- OAuth1 consumers. The secret is kept as is: OAuth1 HMAC signatures need it in the clear.
create table oauth1_consumer (
    id          varchar(64) primary key,
    description text,
    secret      varchar(64) not null,
    extra       text
);

-- filters: a JSON object over interface, service_id and region_id.
create table endpoint_group (
    id          varchar(64) primary key,
    name        varchar(255) not null,
    description text,
    filters     text not null,
    extra       text
);

-- One row per option; value_json is the option's JSON value. Sensitive options (the LDAP password) are
-- stored but never returned.
create table domain_config (
    domain_id   varchar(64) not null references domain (id) on delete cascade,
    group_name  varchar(64) not null,
    option_name varchar(255) not null,
    value_json  text not null,
    sensitive   boolean not null default false,
    primary key (domain_id, group_name, option_name)
);
