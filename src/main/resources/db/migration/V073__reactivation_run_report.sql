-- The run report (issue 13): how many subscribers the run found eligible (candidates), how many soft-to-hard
-- conversions happened in the activity window before the run (the denominator of the recovery rate), the window
-- itself, and who started the run (null: the daily schedule; else the admin who pressed "Run now").
alter table reactivation_run add column candidates integer not null default 0;
alter table reactivation_run add column window_conversions integer not null default 0;
alter table reactivation_run add column window_days integer not null default 30;
alter table reactivation_run add column started_by varchar(320);
