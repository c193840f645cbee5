-- Every subscriber status change becomes an outgoing-webhook event in the same transaction: the trigger runs at
-- the end of the statement that inserted the subscriber_event rows (native SQL of the ingestion pipeline, or an
-- entity flush), so the outbox row commits or rolls back with the change itself. Events go to the outbox only
-- when an enabled endpoint of the tenant wants that type; one delivery row is written per such endpoint.
create function outbound_subscriber_events() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from outbound_endpoint e where e.enabled
                   and e.tenant_id in (select distinct n.tenant_id from new_rows n)) then
        return null;
    end if;
    with ev as (
        select n.*,
               case
                   when n.to_status = 'bounced' then 'subscriber.bounced'
                   when n.to_status = 'unsubscribed' then 'subscriber.unsubscribed'
                   when n.to_status = 'complained' then 'subscriber.complained'
                   when n.to_status = 'subscribed' and n.from_status in ('bounced', 'unsubscribed', 'complained')
                       then 'subscriber.reactivated'
               end as type
        from new_rows n
    ),
    wanted as (
        select ev.*, gen_random_uuid() as uid from ev
        where ev.type is not null
          and exists (select 1 from outbound_endpoint e
                      where e.tenant_id = ev.tenant_id and e.enabled and ev.type = any (e.events))
    ),
    ins as (
        insert into outbound_event (id, tenant_id, event_id, type, subscriber_id, payload, created_at)
        select nextval('outbound_event_seq'), w.tenant_id, w.uid, w.type, w.subscriber_id,
               jsonb_build_object(
                   'event', w.type,
                   'id', w.uid,
                   'tenant', w.tenant_id,
                   'time', to_char(w.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                   'subscriber_id', w.subscriber_id,
                   'subscriber_email', s.email,
                   'list_uid', s.list_id::text,
                   'list_name', l.name,
                   'from_status', w.from_status,
                   'to_status', w.to_status,
                   'cause', w.cause,
                   'actor', w.actor,
                   'why', w.why,
                   'campaign', case when c.id is null then null
                                    else jsonb_build_object('id', c.id, 'name', c.name) end,
                   'bounce_id', w.bounce_id,
                   'dsn_code', b.status_code,
                   'bounce_type', b.type,
                   'reason', b.reason)::text,
               w.changed_at
        from wanted w
        join subscriber s on s.tenant_id = w.tenant_id and s.id = w.subscriber_id
        join mailing_list l on l.tenant_id = s.tenant_id and l.id = s.list_id
        left join bounce b on b.tenant_id = w.tenant_id and b.id = w.bounce_id
                          and b.occurred_at = w.bounce_occurred_at
        left join campaign c on c.tenant_id = b.tenant_id and c.id = b.campaign_id
        order by w.id
        returning id, tenant_id, type, subscriber_id
    )
    insert into outbound_delivery (id, tenant_id, endpoint_id, event_id, order_key, next_attempt_at)
    select nextval('outbound_delivery_seq'), ins.tenant_id, e.id, ins.id, ins.subscriber_id, now()
    from ins join outbound_endpoint e on e.tenant_id = ins.tenant_id and e.enabled and ins.type = any (e.events)
    order by ins.id, e.id;
    return null;
end $$;

create trigger subscriber_event_outbound after insert on subscriber_event
    referencing new table as new_rows for each statement execute function outbound_subscriber_events();
