-- Suppression list (issue 10): per tenant, addresses no send may go to, each with why and since when.
-- Sends skip an address found here (SuppressedAddress.isSuppressed). Emails are stored lower-case.
-- reason: 'manual' (an admin added it), 'hard_bounce', 'complaint', 'unsubscribe', 'import'.
create sequence suppressed_address_seq start with 1 increment by 50;
create table suppressed_address (
    id          bigint       not null,
    tenant_id   varchar(64)  not null references tenant (id),
    email       varchar(320) not null check (email = lower(email) and position('@' in email) > 1),
    reason      varchar(32)  not null
                check (reason in ('manual', 'hard_bounce', 'complaint', 'unsubscribe', 'import')),
    note        varchar(1000),
    -- who or what added it: a member's subject, or 'auto-action'
    added_by    varchar(255) not null,
    added_at    timestamp(6) with time zone not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, email)
);
-- Search by address (prefix / contains on lower-case text) and keyset paging by (email, id).
create index suppressed_address_email_idx on suppressed_address (tenant_id, email text_pattern_ops, id);
