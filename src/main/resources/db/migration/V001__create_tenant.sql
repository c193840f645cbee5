-- Customer organisations. Global (not tenant-filtered): the id is the tenant key stamped on every row.
create table tenant (
    id          varchar(64)  primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        varchar(200) not null,
    created_at  timestamp(6) with time zone not null default now()
);
