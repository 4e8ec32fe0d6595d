-- Delegation: application credentials (with their access rules) and trusts (OS-TRUST), and the revocation events
-- that cut off the tokens issued through them.

-- A user's delegation of some of their roles on one project to an application. The secret is kept only as a
-- bcrypt hash. A credential goes with its user or its project.
create table application_credential (
    id           varchar(64) primary key,
    name         varchar(255) not null,
    user_id      varchar(64) not null references identity_user (id) on delete cascade,
    project_id   varchar(64) not null references project (id) on delete cascade,
    description  text,
    secret_hash  varchar(255) not null,
    expires_at   timestamptz,
    unrestricted boolean not null default false,
    created_at   timestamptz not null default now()
);
create unique index application_credential_name_key on application_credential (user_id, name);
create index application_credential_project_idx on application_credential (project_id);

-- The roles a credential delegates; a deleted role leaves every credential that named it.
create table application_credential_role (
    application_credential_id varchar(64) not null references application_credential (id) on delete cascade,
    role_id                   varchar(64) not null references role (id) on delete cascade,
    primary key (application_credential_id, role_id)
);

-- Access rules belong to their user and are shared by that user's credentials; one in use cannot be deleted.
create table access_rule (
    id      varchar(64) primary key,
    user_id varchar(64) not null references identity_user (id) on delete cascade,
    service varchar(64) not null,
    path    varchar(255) not null,
    method  varchar(16) not null
);
create unique index access_rule_key on access_rule (user_id, service, path, method);

create table application_credential_access_rule (
    application_credential_id varchar(64) not null references application_credential (id) on delete cascade,
    access_rule_id            varchar(64) not null references access_rule (id),
    primary key (application_credential_id, access_rule_id)
);
create index application_credential_access_rule_rule_idx on application_credential_access_rule (access_rule_id);

-- A trustor's delegation of roles on a project to a trustee. remaining_uses (null: unlimited) is consumed by a
-- compare-and-swap on each token issued; redelegated_trust_id links a chain of redelegated trusts.
create table trust (
    id                   varchar(64) primary key,
    trustor_user_id      varchar(64) not null references identity_user (id) on delete cascade,
    trustee_user_id      varchar(64) not null references identity_user (id) on delete cascade,
    project_id           varchar(64) references project (id) on delete cascade,
    impersonation        boolean not null,
    expires_at           timestamptz,
    remaining_uses       integer,
    redelegated_trust_id varchar(64) references trust (id) on delete cascade,
    redelegation_count   integer not null default 0,
    extra                text,
    created_at           timestamptz not null default now()
);
create index trust_trustor_idx on trust (trustor_user_id);
create index trust_trustee_idx on trust (trustee_user_id);
create index trust_redelegated_idx on trust (redelegated_trust_id);

create table trust_role (
    trust_id varchar(64) not null references trust (id) on delete cascade,
    role_id  varchar(64) not null references role (id) on delete cascade,
    primary key (trust_id, role_id)
);

alter table revocation_event add column trust_id varchar(64);
alter table revocation_event add column application_credential_id varchar(64);
