-- When an endpoint accepts a delivery, the worker pulls its waiting retries forward (OutboundSql.record). Without this
-- index that update visited every pending delivery of the endpoint on every round (the whole backlog after an outage:
-- 11 ms per round at 20,000 pending, growing with the backlog); with it, only the deliveries waiting for a retry.
create index outbound_delivery_retry_idx on outbound_delivery (tenant_id, endpoint_id, next_attempt_at)
    where state = 'pending' and attempts > 0;
