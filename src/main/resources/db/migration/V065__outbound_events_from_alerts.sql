-- A newly opened alert becomes an 'alert.raised' event in the same transaction (alerts are inserted only when
-- they open; acknowledging or resolving updates the row and raises nothing).
create function outbound_alert_event() returns trigger language plpgsql as $$
declare
    ev_id bigint;
    uid uuid := gen_random_uuid();
begin
    if not exists (select 1 from outbound_endpoint e
                   where e.tenant_id = new.tenant_id and e.enabled and 'alert.raised' = any (e.events)) then
        return null;
    end if;
    ev_id := nextval('outbound_event_seq');
    insert into outbound_event (id, tenant_id, event_id, type, subscriber_id, payload, created_at)
    values (ev_id, new.tenant_id, uid, 'alert.raised', null,
            jsonb_build_object(
                'event', 'alert.raised',
                'id', uid,
                'tenant', new.tenant_id,
                'time', to_char(new.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'alert', jsonb_build_object('id', new.id, 'kind', new.kind, 'scope', new.scope_key,
                                            'summary', new.summary, 'measured', new.measured,
                                            'threshold', new.threshold, 'campaign_id', new.campaign_id,
                                            'sending_server_id', new.sending_server_id, 'domain', new.domain))::text,
            new.opened_at);
    insert into outbound_delivery (id, tenant_id, endpoint_id, event_id, order_key, next_attempt_at)
    select nextval('outbound_delivery_seq'), new.tenant_id, e.id, ev_id, null, now()
    from outbound_endpoint e
    where e.tenant_id = new.tenant_id and e.enabled and 'alert.raised' = any (e.events)
    order by e.id;
    return null;
end $$;

create trigger alert_outbound after insert on alert for each row execute function outbound_alert_event();
