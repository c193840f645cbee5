alter table retry_state add column claimed_at timestamp(6) with time zone;
