-- What links a bounce back to its send.
-- VERP keys per tenant with a key id: the newest active key signs, every key not yet dropped still verifies
-- (rotation keeps old bounces verifiable).
create table verp_key (
    tenant_id   varchar(64)  not null references tenant (id),
    key_id      varchar(32)  not null check (key_id ~ '^[a-z0-9-]{1,32}$'),
    secret      bytea        not null check (length(secret) >= 16),
    created_at  timestamp(6) with time zone not null default now(),
    retired_at  timestamp(6) with time zone,
    primary key (tenant_id, key_id)
);
create unique index verp_key_one_active_idx on verp_key (tenant_id) where retired_at is null;

-- Each return-path (VERP) domain belongs to exactly one tenant: the inbound SMTP listener decides the tenant
-- from the recipient's domain.
create table return_path_domain (
    domain      varchar(255) primary key check (domain = lower(domain) and domain ~ '^[a-z0-9.-]+$'),
    tenant_id   varchar(64)  not null references tenant (id),
    created_at  timestamp(6) with time zone not null default now()
);
create index return_path_domain_tenant_idx on return_path_domain (tenant_id);
-- Existing sending servers' domains, where only one tenant uses the domain (a shared one is never guessed).
insert into return_path_domain (domain, tenant_id)
select lower(return_path_domain), min(tenant_id) from sending_server
 where lower(return_path_domain) ~ '^[a-z0-9.-]+$'
 group by lower(return_path_domain) having count(distinct tenant_id) = 1;

-- Message-IDs of sent messages (filled by the sending side), so a bounce carrying only the original
-- Message-ID still finds its campaign, subscriber and sending server.
create table sent_message (
    tenant_id          varchar(64)  not null references tenant (id),
    message_id         varchar(500) not null,
    campaign_id        bigint       not null,
    subscriber_id      bigint       not null,
    sending_server_id  bigint,
    sent_at            timestamp(6) with time zone not null default now(),
    primary key (tenant_id, message_id),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id),
    foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id)
);
