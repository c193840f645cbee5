-- One row per recipient of a campaign send. 'sending' is committed before the SMTP dialogue starts, so a crash
-- leaves the row 'sending' (then 'interrupted': never sent again) instead of sending anyone twice.
create table campaign_delivery (
    tenant_id      varchar(64)  not null references tenant (id),
    campaign_id    bigint       not null,
    subscriber_id  bigint       not null,
    state          varchar(16)  not null default 'pending'
                   check (state in ('pending', 'sending', 'sent', 'refused', 'skipped', 'interrupted')),
    claimed_at     timestamp(6) with time zone,
    done_at        timestamp(6) with time zone,
    reply          varchar(1000),
    primary key (tenant_id, campaign_id, subscriber_id),
    foreign key (tenant_id, campaign_id) references campaign (tenant_id, id),
    foreign key (tenant_id, subscriber_id) references subscriber (tenant_id, id)
);
create index campaign_delivery_pending_idx on campaign_delivery (tenant_id, campaign_id, subscriber_id) where state = 'pending';
