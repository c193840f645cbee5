-- Each CSV import into a list is a batch; its members are recorded so the first send to a freshly imported batch
-- can be watched (the bad-import-source detector).
create sequence import_batch_seq start with 1 increment by 50;
create table import_batch (
    id             bigint        not null,
    tenant_id      varchar(64)   not null references tenant (id),
    list_id        bigint        not null,
    file_name      varchar(255)  not null,
    rows_read      integer       not null check (rows_read >= 0),
    imported       integer       not null check (imported >= 0),
    already_listed integer       not null check (already_listed >= 0),
    created_at     timestamp(6) with time zone not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, list_id) references mailing_list (tenant_id, id)
);
create index import_batch_list_idx on import_batch (tenant_id, list_id, created_at desc);

create sequence import_batch_member_seq start with 1 increment by 50;
create table import_batch_member (
    id             bigint        not null,
    tenant_id      varchar(64)   not null references tenant (id),
    batch_id       bigint        not null,
    subscriber_id  bigint        not null,
    primary key (tenant_id, id),
    unique (tenant_id, subscriber_id, batch_id),
    foreign key (tenant_id, batch_id) references import_batch (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id)
);
create index import_batch_member_batch_idx on import_batch_member (tenant_id, batch_id);
