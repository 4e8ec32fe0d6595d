-- Glance's data: images with their custom properties, tags and members, the import tasks, and the
-- metadata definitions catalog. Deleted images stay as rows (status 'deleted') so their ids are never reused.
drop table if exists image_service_info;

create table image (
    id               varchar(36) primary key,
    name             varchar(255),
    status           varchar(30) not null,
    visibility       varchar(10) not null,
    owner            varchar(255),
    size             bigint,
    virtual_size     bigint,
    disk_format      varchar(20),
    container_format varchar(20),
    checksum         varchar(32),
    os_hash_algo     varchar(64),
    os_hash_value    varchar(128),
    min_disk         integer not null default 0,
    min_ram          integer not null default 0,
    protected        boolean not null default false,
    os_hidden        boolean not null default false,
    -- where the store keeps the data (store-specific), set when the image becomes active
    store            varchar(64),
    location         text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    deleted_at       timestamptz
);
create index image_owner_idx on image (owner, status);
create index image_visibility_idx on image (visibility, status);
create index image_created_idx on image (created_at, id);

create table image_property (
    image_id varchar(36) not null references image (id) on delete cascade,
    name     varchar(255) not null,
    value    text not null,
    primary key (image_id, name)
);
create index image_property_name_idx on image_property (name, value);

create table image_tag (
    image_id varchar(36) not null references image (id) on delete cascade,
    value    varchar(255) not null,
    primary key (image_id, value)
);
create index image_tag_value_idx on image_tag (value);

create table image_member (
    image_id   varchar(36) not null references image (id) on delete cascade,
    member     varchar(255) not null,
    status     varchar(20) not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (image_id, member)
);
create index image_member_member_idx on image_member (member, status);

create table image_task (
    id         varchar(36) primary key,
    image_id   varchar(36) not null references image (id) on delete cascade,
    type       varchar(30) not null,
    status     varchar(30) not null,
    owner      varchar(255),
    user_id    varchar(255),
    request_id varchar(64),
    input      text,
    result     text,
    message    text not null default '',
    created_at timestamptz not null,
    updated_at timestamptz not null,
    expires_at timestamptz
);
create index image_task_image_idx on image_task (image_id);

-- Metadata definitions (metadefs): namespaces of property, object and tag definitions, associated with
-- resource types.
create table metadef_namespace (
    id           bigserial primary key,
    namespace    varchar(80) not null unique,
    display_name varchar(80),
    description  text,
    visibility   varchar(10) not null,
    protected    boolean not null default false,
    owner        varchar(255),
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

create table metadef_object (
    id           bigserial primary key,
    namespace_id bigint not null references metadef_namespace (id) on delete cascade,
    name         varchar(80) not null,
    description  text,
    required     text,
    properties   text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (namespace_id, name)
);

create table metadef_property (
    id           bigserial primary key,
    namespace_id bigint not null references metadef_namespace (id) on delete cascade,
    name         varchar(255) not null,
    schema       text not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (namespace_id, name)
);

create table metadef_tag (
    id           bigserial primary key,
    namespace_id bigint not null references metadef_namespace (id) on delete cascade,
    name         varchar(255) not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (namespace_id, name)
);

create table metadef_resource_type (
    id         bigserial primary key,
    name       varchar(80) not null unique,
    protected  boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

create table metadef_namespace_resource_type (
    namespace_id      bigint not null references metadef_namespace (id) on delete cascade,
    resource_type_id  bigint not null references metadef_resource_type (id) on delete cascade,
    prefix            varchar(80),
    properties_target varchar(80),
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    primary key (namespace_id, resource_type_id)
);

-- The resource types OpenStack services know, as Glance seeds them.
insert into metadef_resource_type (name, protected, created_at, updated_at) values
    ('OS::Glance::Image', true, now(), now()),
    ('OS::Cinder::Volume', true, now(), now()),
    ('OS::Nova::Flavor', true, now(), now()),
    ('OS::Nova::Aggregate', true, now(), now()),
    ('OS::Nova::Server', true, now(), now());
