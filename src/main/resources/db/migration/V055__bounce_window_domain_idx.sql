-- The per-domain report groups one tenant's bounces of a window by recipient domain and type: with these columns in
-- the index it is an index-only range scan (measured in README "Insights", bench/insight-report.sh), not one heap
-- visit per bounce.
create index if not exists bounce_window_domain_idx on bounce (tenant_id, occurred_at) include (recipient_domain, type, status_code);
