-- Every input, stored as it arrived before anything is derived from it (issue 9). Acknowledged to the sender
-- only after this row is committed. Workers claim pending rows with FOR UPDATE SKIP LOCKED.
create sequence inbound_message_seq start with 1 increment by 50;
create table inbound_message (
    id                 bigint       not null,
    tenant_id          varchar(64)  not null references tenant (id),
    source             varchar(24)  not null
                       check (source in ('smtp', 'imap', 'api', 'smtp_rejection', 'webhook_ses', 'webhook_sendgrid',
                                         'webhook_mailgun', 'webhook_postmark', 'webhook_sparkpost')),
    dedupe_key         varchar(300) not null,
    content_type       varchar(200),
    body               bytea        not null,
    body_size          integer      not null check (body_size >= 0),
    source_ref         varchar(500),
    sending_server_id  bigint,
    received_at        timestamp(6) with time zone not null default now(),
    state              varchar(16)  not null default 'pending'
                       check (state in ('pending', 'done', 'quarantined', 'dismissed')),
    attempts           integer      not null default 0 check (attempts >= 0),
    last_error         text,
    next_attempt_at    timestamp(6) with time zone not null default now(),
    processed_at       timestamp(6) with time zone,
    retain_until       timestamp(6) with time zone not null,
    primary key (tenant_id, id),
    unique (tenant_id, source, dedupe_key),
    foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id)
);
-- The workers' claim query: oldest due pending input first.
create index inbound_message_pending_idx on inbound_message (next_attempt_at, id) where state = 'pending';
-- The quarantine page: one tenant's quarantined inputs, newest first.
create index inbound_message_quarantine_idx on inbound_message (tenant_id, received_at desc, id desc)
    where state = 'quarantined';
-- Retention sweep.
create index inbound_message_retain_idx on inbound_message (retain_until) where state in ('done', 'dismissed');
