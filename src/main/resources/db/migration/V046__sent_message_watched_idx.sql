-- The ingestion pipeline asks whether a bounce's send (tenant, subscriber, campaign) was a watched one; few are.
create index sent_message_watched_idx on sent_message (tenant_id, subscriber_id, campaign_id) where watched;
