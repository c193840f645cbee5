-- Members added by e-mail before their first login (issue 13): such a membership has no subject yet and binds to
-- the first login whose verified e-mail claim matches. Either a subject or an e-mail is always present.
alter table membership alter column subject drop not null;
alter table membership add constraint membership_subject_or_email check (subject is not null or email is not null);
create unique index membership_pending_email_idx on membership (tenant_id, lower(email)) where subject is null;
