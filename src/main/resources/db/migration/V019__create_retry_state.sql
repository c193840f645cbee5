-- Soft bounces kept for the retry scheduler (the sending issue consumes this): one row per campaign and
-- subscriber, counting soft bounces; when the sending server's policy is exhausted the pipeline converts the
-- next soft bounce to hard (state 'exhausted', subscriber bounced).
create table retry_state (
    tenant_id          varchar(64)  not null references tenant (id),
    campaign_id        bigint       not null,
    subscriber_id      bigint       not null,
    sending_server_id  bigint,
    soft_bounces       integer      not null default 1 check (soft_bounces >= 1),
    first_bounce_at    timestamp(6) with time zone not null,
    last_bounce_at     timestamp(6) with time zone not null,
    last_bounce_id     bigint       not null,
    next_retry_at      timestamp(6) with time zone,
    state              varchar(16)  not null default 'pending' check (state in ('pending', 'exhausted', 'done')),
    primary key (tenant_id, campaign_id, subscriber_id),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id),
    foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id)
);
create index retry_state_due_idx on retry_state (next_retry_at) where state = 'pending';
