-- One vocabulary for fault (issue 8): the engine's Fault enum, stored lower-case. 'receiver' becomes
-- 'receiver_system' (the engine's RECEIVER_SYSTEM; the parse command prints it as receiver-system).
alter table bounce drop constraint bounce_fault_check;
update bounce set fault = 'receiver_system' where fault = 'receiver';
alter table bounce add constraint bounce_fault_check
    check (fault in ('recipient', 'sender', 'receiver_system', 'network', 'unknown'));
