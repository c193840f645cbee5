create sequence sending_server_seq start with 1 increment by 50;
create table sending_server (
    id                  bigint       not null,
    tenant_id           varchar(64)  not null references tenant (id),
    name                varchar(200) not null,
    smtp_host           varchar(255) not null,
    smtp_port           integer      not null check (smtp_port between 1 and 65535),
    tls_mode            varchar(16)  not null check (tls_mode in ('none', 'starttls', 'tls')),
    username            varchar(255),
    password            varchar(255),
    return_path_domain  varchar(255) not null,
    retry_policy        varchar(16)  not null default 'default'
                        check (retry_policy in ('default', 'aggressive', 'conservative')),
    created_at          timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, name)
);
