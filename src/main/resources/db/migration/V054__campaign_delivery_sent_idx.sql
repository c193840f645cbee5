-- Sends per day and per recipient domain (bounce rates in the insight reports and charts) read the sent
-- deliveries of a window: an index range on the send time instead of a scan of every delivery.
create index campaign_delivery_sent_idx on campaign_delivery (tenant_id, done_at) where state = 'sent';
