-- Optional bounce mailbox per sending server, read by a scheduled job. The secret is AES-GCM encrypted under
-- the configured master key (SecretBox); it is never rendered back.
create table imap_mailbox (
    tenant_id          varchar(64)  not null references tenant (id),
    sending_server_id  bigint       not null,
    host               varchar(255) not null,
    port               integer      not null check (port between 1 and 65535),
    tls_mode           varchar(16)  not null check (tls_mode in ('none', 'starttls', 'tls')),
    username           varchar(255) not null,
    secret_enc         bytea        not null,
    folder             varchar(200) not null default 'INBOX',
    processed_folder   varchar(200) not null default 'Rebound/Processed',
    enabled            boolean      not null default true,
    last_polled_at     timestamp(6) with time zone,
    last_error         varchar(1000),
    primary key (tenant_id, sending_server_id),
    foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id)
);
