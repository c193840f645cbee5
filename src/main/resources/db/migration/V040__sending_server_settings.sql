-- Sending-server settings of issue 11: enabled flag, send rate limit (messages per second; null = unthrottled),
-- and the SMTP secret sealed with SecretBox (the plain column is emptied by SmtpSecretMigration at startup).
alter table sending_server add column enabled boolean not null default true;
alter table sending_server add column send_rate_limit integer check (send_rate_limit is null or send_rate_limit between 1 and 100000);
alter table sending_server add column password_sealed bytea;
