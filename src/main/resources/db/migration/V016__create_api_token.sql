-- Per-tenant API tokens for /api/v1/inbound. Only the SHA-256 of the token is stored (tokens are 32 random
-- bytes, so a plain hash cannot be brute-forced); the prefix lets people recognise a token.
create sequence api_token_seq start with 1 increment by 50;
create table api_token (
    id            bigint       not null,
    tenant_id     varchar(64)  not null references tenant (id),
    name          varchar(200) not null,
    token_hash    bytea        not null unique check (length(token_hash) = 32),
    prefix        varchar(16)  not null,
    created_at    timestamp(6) with time zone not null default now(),
    last_used_at  timestamp(6) with time zone,
    revoked_at    timestamp(6) with time zone,
    primary key (tenant_id, id)
);
