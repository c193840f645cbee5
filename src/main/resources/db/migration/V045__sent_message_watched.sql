-- A message sent to a subscriber with watched sends left after a re-add (issue 10) is a watched send: a bounce on
-- it flips the subscriber back, even when the countdown reached zero with this very send.
alter table sent_message add column watched boolean not null default false;
