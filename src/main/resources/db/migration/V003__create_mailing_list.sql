create sequence mailing_list_seq start with 1 increment by 50;
create table mailing_list (
    id          bigint       not null,
    tenant_id   varchar(64)  not null references tenant (id),
    name        varchar(200) not null,
    created_at  timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, name)
);
