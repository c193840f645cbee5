-- One run of the daily auto-reactivation for one tenant: how many were eligible, recovered, and test mails sent.
create sequence reactivation_run_seq start with 1 increment by 50;
create table reactivation_run (
    id               bigint       not null,
    tenant_id        varchar(64)  not null references tenant (id),
    ran_at           timestamp(6) with time zone not null,
    conversions      integer      not null,
    recovered        integer      not null,
    test_mails_sent  integer      not null,
    test_mails_failed integer     not null,
    note             varchar(1000),
    primary key (tenant_id, id)
);
create index reactivation_run_idx on reactivation_run (tenant_id, ran_at desc);
