-- Everything the engine says about a recorded bounce, what Rebound did about it, and where it came from.
alter table bounce
    add column suppress                boolean      not null default false,
    add column rule                    varchar(100),
    add column why                     text,
    add column trap_suspicion          boolean      not null default false,
    add column feedback_type           varchar(32),
    add column remote_mta              varchar(255),
    add column sending_ip              varchar(45),
    add column provider_classification varchar(200),
    add column investigate             boolean      not null default false,
    -- what the auto-actions did: bounced, unsubscribed, investigate, retry, recorded (null for seeded rows)
    add column action                  varchar(16)
                                       check (action in ('bounced', 'unsubscribed', 'investigate', 'retry', 'recorded')),
    add column action_hint             varchar(200),
    -- the stored input (inbound_message.id) it came from; no foreign key: raw inputs expire before bounces do
    add column inbound_id              bigint,
    add column event_key               varchar(300),
    add column message_id              varchar(500),
    add column link_source             varchar(16),
    add column sending_server_id       bigint,
    -- registrable domain of the recipient (public suffix + 1), so per-domain reports are an index range
    add column recipient_domain        varchar(255),
    add foreign key (tenant_id, sending_server_id) references sending_server (tenant_id, id);

update bounce set recipient_domain = lower(substring(recipient_email from position('@' in recipient_email) + 1))
 where position('@' in recipient_email) > 0;

create index bounce_domain_idx on bounce (tenant_id, recipient_domain, occurred_at desc, id desc);
