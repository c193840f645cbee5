-- Automatic suppression entries (issue 10): the ingestion pipeline adds hard bounces on the address's side
-- ('hard_bounce'), spam complaints ('complaint') and spam-trap hits ('trap', new here).
alter table suppressed_address drop constraint suppressed_address_reason_check;
alter table suppressed_address add constraint suppressed_address_reason_check
    check (reason in ('manual', 'hard_bounce', 'complaint', 'unsubscribe', 'import', 'trap'));
