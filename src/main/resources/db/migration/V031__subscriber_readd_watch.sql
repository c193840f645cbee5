-- Re-add with evidence (issue 10). After a re-add the next two sends are watched: a bounce while
-- watch_sends_left > 0 flips the subscriber back to bounced and sets auto_reactivation_blocked, which any
-- automatic reactivation must honour (a person with fresh evidence may still re-add).
alter table subscriber add column watch_sends_left smallint not null default 0 check (watch_sends_left between 0 and 2);
alter table subscriber add column auto_reactivation_blocked boolean not null default false;

-- The evidence behind each re-add: a recorded direct request (who asked, when, how, a note) or a fresh
-- confirmation (a link mailed to the address; confirmed_at is set when it is clicked). token_hash holds the
-- SHA-256 of the confirmation token only.
create sequence subscriber_readd_seq start with 1 increment by 50;
create table subscriber_readd (
    id             bigint       not null,
    tenant_id      varchar(64)  not null references tenant (id),
    subscriber_id  bigint       not null,
    method         varchar(16)  not null check (method in ('direct_request', 'confirmation')),
    requested_by   varchar(320),
    requested_at   timestamp(6) with time zone,
    channel        varchar(32)  check (channel in ('email', 'phone', 'support_ticket', 'in_person', 'web_form', 'other')),
    note           varchar(1000),
    recorded_by    varchar(255) not null,
    recorded_at    timestamp(6) with time zone not null default now(),
    token_hash     varchar(64)  unique,
    expires_at     timestamp(6) with time zone,
    confirmed_at   timestamp(6) with time zone,
    primary key (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id)
);
create index subscriber_readd_subscriber_idx on subscriber_readd (tenant_id, subscriber_id, recorded_at desc);
