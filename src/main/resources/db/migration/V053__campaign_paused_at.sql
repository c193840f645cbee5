-- A paused campaign: the sender claims none of its pending recipients until it is resumed (null: not paused).
alter table campaign add column paused_at timestamp(6) with time zone;
