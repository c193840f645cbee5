create sequence subscriber_seq start with 1 increment by 50;
create table subscriber (
    id                 bigint       not null,
    tenant_id          varchar(64)  not null references tenant (id),
    list_id            bigint       not null,
    email              varchar(320) not null check (email = lower(email) and position('@' in email) > 1),
    status             varchar(16)  not null default 'subscribed'
                       check (status in ('subscribed', 'unsubscribed', 'bounced', 'complained')),
    status_changed_at  timestamp(6) with time zone not null default now(),
    status_reason      varchar(500),
    created_at         timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, list_id) references mailing_list (tenant_id, id),
    unique (tenant_id, list_id, email)
);
-- Subscriber search (email prefix, keyset by email then id).
create index subscriber_email_idx on subscriber (tenant_id, email text_pattern_ops, id);
create index subscriber_status_idx on subscriber (tenant_id, status);
