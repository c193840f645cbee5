-- The bounce log's address search (BounceLogFilter): an address or its beginning, case-insensitive, over the whole
-- campaign. Before, it was a substring filter on the newest 10,000 rows a page: an address whose bounces were older
-- took "Older" after "Older" to find, and a rare one read the whole scan on every page (232-311 pages/s on the
-- million-row campaign). text_pattern_ops lets the prefix LIKE read an index range whatever the collation, in its own
-- order (~<~), so a page reads a beginning's matches in that order and stops after a cap (BounceLogSql.addressPage):
-- few matches are all read, then sorted by time; many go to the bounded scan.
create index bounce_campaign_address_idx on bounce (tenant_id, campaign_id, lower(recipient_email) text_pattern_ops);
-- the planner's estimate of a prefix needs the expression's statistics, which ANALYZE gathers for an expression index
analyze bounce;
