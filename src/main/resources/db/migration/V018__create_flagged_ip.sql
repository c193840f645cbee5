-- Sending IPs flagged for monitoring after a spam-trap hit (one row per tenant and IP, counting hits).
create table flagged_ip (
    tenant_id          varchar(64)  not null references tenant (id),
    ip                 varchar(45)  not null,
    first_flagged_at   timestamp(6) with time zone not null default now(),
    last_flagged_at    timestamp(6) with time zone not null default now(),
    hits               integer      not null default 1 check (hits >= 1),
    last_bounce_id     bigint,
    reason             varchar(500) not null,
    sending_server_id  bigint,
    primary key (tenant_id, ip),
    foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id)
);
