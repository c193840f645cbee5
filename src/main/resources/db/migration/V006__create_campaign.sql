create sequence campaign_seq start with 1 increment by 50;
create table campaign (
    id                 bigint       not null,
    tenant_id          varchar(64)  not null references tenant (id),
    name               varchar(200) not null,
    subject            varchar(500) not null,
    list_id            bigint       not null,
    sending_server_id  bigint       not null,
    sent_at            timestamp(6) with time zone,
    recipients_count   integer      not null default 0 check (recipients_count >= 0),
    created_at         timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, list_id) references mailing_list (tenant_id, id),
    foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id)
);
create index campaign_sent_idx on campaign (tenant_id, sent_at desc nulls first, id desc);
