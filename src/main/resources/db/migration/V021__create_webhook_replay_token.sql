-- Mailgun's signature covers only timestamp + token, not the event: each token is accepted once per endpoint.
-- Rows older than the accepted timestamp window are swept by WebhookSql.
create table webhook_replay_token (
    tenant_id    varchar(64)  not null,
    endpoint_id  bigint       not null,
    token        varchar(200) not null,
    seen_at      timestamp(6) with time zone not null default now(),
    primary key (endpoint_id, token),
    foreign key (tenant_id, endpoint_id) references provider_endpoint (tenant_id, id) on delete cascade
);
create index webhook_replay_token_seen_idx on webhook_replay_token (seen_at);
