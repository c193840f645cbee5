-- Provider webhook endpoints (issue 9, source 3): one row per URL a tenant pastes into SES/SNS, SendGrid, Mailgun,
-- Postmark or SparkPost. public_id is the random, unguessable part of /webhooks/{provider}/{public_id}; the tenant
-- is found from it. Verification material: SendGrid's public key in clear (it is public), the Mailgun signing key
-- and the basic-auth password encrypted by the application (AES-GCM, see EndpointSecrets), never in clear.
create sequence provider_endpoint_seq start with 1 increment by 50;
create table provider_endpoint (
    id                bigint       not null,
    tenant_id         varchar(64)  not null references tenant (id),
    provider          varchar(16)  not null check (provider in ('ses', 'sendgrid', 'mailgun', 'postmark', 'sparkpost')),
    public_id         varchar(64)  not null unique,
    name              varchar(200) not null,
    verification_key  text,
    basic_user        varchar(100),
    secret            text,
    topic_arn         varchar(300),
    created_at        timestamp(6) with time zone not null default now(),
    rotated_at        timestamp(6) with time zone,
    primary key (tenant_id, id),
    unique (tenant_id, name)
);
