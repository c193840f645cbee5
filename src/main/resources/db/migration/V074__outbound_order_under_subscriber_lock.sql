-- Per endpoint, a subscriber's outgoing-webhook events must reach the receiver in the order their changes committed
-- (issue 13). The worker sends a subscriber's pending delivery with the lowest id, and it sees committed rows only,
-- so outbox ids must be drawn in commit order per subscriber. The trigger of V064 drew them without a lock: an entity
-- path (Hibernate inserts the subscriber_event row, firing the trigger, before it updates the subscriber) could draw
-- a lower id, commit after a concurrent change of the same subscriber with a higher id, and be sent after it.
--
-- This trigger runs first (triggers on one event fire in alphabetical order of their names: "…_lock_…" before
-- "…_outbound") and locks the subscriber rows with the lock an UPDATE of the subscriber takes anyway, kept until
-- commit, so a second transaction changing the same subscriber waits here until the first commits and then draws
-- higher ids. Rows are locked in key order so two bulk statements lock their common subscribers in the same order.
-- Only when an enabled endpoint could want the events (as V064). The sequences keep cache 1, ids handed out in the
-- order they are drawn (checked by OutboundOrderingTest).
create function outbound_lock_subscribers() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from outbound_endpoint e where e.enabled
                   and e.tenant_id in (select distinct n.tenant_id from new_rows n)) then
        return null;
    end if;
    perform 1 from subscriber s
    where (s.tenant_id, s.id) in (select n.tenant_id, n.subscriber_id from new_rows n)
    order by s.tenant_id, s.id
    for no key update of s;
    return null;
end $$;

create trigger subscriber_event_lock_for_outbound after insert on subscriber_event
    referencing new table as new_rows for each statement execute function outbound_lock_subscribers();
