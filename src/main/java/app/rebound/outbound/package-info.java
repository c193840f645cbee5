/**
 * Outgoing webhooks to a tenant's CRM (issue 13, "API &amp; Webhooks").
 *
 * <p>Events come from database triggers (V064, V065): every insert into {@code subscriber_event} (ingestion's
 * native SQL, re-adds, reclassification, the auto-reactivation job, anything later) and every newly opened
 * {@code alert} writes an {@code outbound_event} row and one {@code outbound_delivery} row per enabled endpoint that
 * wants the type, in the same statement and so the same transaction: a rollback leaves no event, a commit cannot
 * lose one. A trigger was chosen over a Java choke point because status changes are written both by native bulk SQL
 * and by entities, and the trigger also covers paths written later by other features.
 *
 * <p>{@link app.rebound.outbound.DeliveryWorker} claims due deliveries in batches with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, posts them in parallel (Vert.x HTTP client, to the IP address the SSRF guard checked), and
 * records each attempt. Per endpoint a subscriber's events go out in order: a delivery is claimed only when no
 * earlier delivery of the same subscriber to the same endpoint is still pending. Failures back off exponentially
 * ({@link app.rebound.outbound.Backoff}) for at least 24 hours, then the delivery is dead-lettered; a success on an
 * endpoint pulls its waiting retries forward so a receiver that comes back drains its backlog at once.
 */
package app.rebound.outbound;
