-- Every manual add and removal on the suppression list (issue 10): who, when, and the note given. A removed
-- address leaves its row in suppressed_address deleted but its history here.
create sequence suppression_log_seq start with 1 increment by 50;
create table suppression_log (
    id         bigint       not null,
    tenant_id  varchar(64)  not null references tenant (id),
    email      varchar(320) not null,
    action     varchar(16)  not null check (action in ('added', 'removed')),
    reason     varchar(32)  not null,
    note       varchar(1000) not null,
    actor      varchar(255) not null,
    at         timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id)
);
create index suppression_log_email_idx on suppression_log (tenant_id, email, at desc);
