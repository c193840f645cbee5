-- Which OIDC identity may act in which tenant, with which role. Global: read before a tenant is known.
create sequence membership_seq start with 1 increment by 50;
create table membership (
    id           bigint       primary key,
    tenant_id    varchar(64)  not null references tenant (id),
    subject      varchar(255) not null,
    email        varchar(320),
    display_name varchar(200),
    role         varchar(16)  not null check (role in ('marketer', 'support', 'admin')),
    created_at   timestamp(6) with time zone not null default now(),
    unique (tenant_id, id),
    unique (tenant_id, subject)
);
create index membership_subject_idx on membership (subject);
