-- Each retry the scheduler made, with its outcome; retry_state.claimed_at marks a retry being sent.
create table retry_attempt (
    tenant_id      varchar(64)  not null references tenant (id),
    campaign_id    bigint       not null,
    subscriber_id  bigint       not null,
    attempt        integer      not null check (attempt >= 1),
    attempted_at   timestamp(6) with time zone not null,
    outcome        varchar(16)  not null check (outcome in ('delivered', 'soft', 'hard', 'error')),
    reply          varchar(1000),
    primary key (tenant_id, campaign_id, subscriber_id, attempt),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id)
);
