-- The image service's schema; the first real tables come with the images API.
create table image_service_info (
    key   varchar(64) primary key,
    value text
);
