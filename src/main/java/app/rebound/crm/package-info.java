/**
 * What a CRM tells Rebound, and what Rebound does with it (issue 13).
 * <p>
 * <b>Activity in.</b> {@code POST /api/v1/activity} with a tenant API token reports activity seen elsewhere for an
 * address: {@code {email, source, kind, occurred_at}}, one object or an array of up to 1,000. Every item is
 * validated first; any bad item answers 422 listing each bad item and stores nothing. Items are idempotent on
 * (address, source, kind, time): a repeat is answered {@code duplicate} and stores nothing. An address that is no
 * subscriber of the tenant is answered {@code unknown} per item and not stored; the rest of the batch is stored.
 * <p>
 * <b>Daily auto-reactivation.</b> Per tenant, a subscriber is brought back exactly when: status bounced; the change
 * that bounced them (their latest status change into bounced) was a soft-to-hard conversion (cause
 * {@code retry-exhausted}); a CRM reported activity for the address after that conversion and within the last
 * {@code rebound.reactivation.activity-days} (30) days; automatic reactivation is not blocked; the address is not
 * suppressed; and no bounce of the address ever said unknown user or dead domain (engine reasons
 * {@code userunknown}, {@code hostunknown}, {@code notaccept}), was a complaint, or a trap hit, and no status change
 * was a complaint, an unsubscribe or a trap. Activity before the conversion proves nothing about the address after
 * it failed, so it does not count. A reactivation flips the subscriber to subscribed with a {@code subscriber_event}
 * (cause {@code auto-reactivation}) in the same transaction, sets two watched sends, and then sends one test mail
 * through the sending server of the campaign whose retries were exhausted, with its VERP return path and Rebound
 * headers, so a bounce of it flips the subscriber back for good.
 */
package app.rebound.crm;
