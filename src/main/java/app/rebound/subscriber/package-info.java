/**
 * Subscribers of a tenant's mailing lists. Emails are stored lower-case, so search is a plain contains on the
 * lower-cased text; the list pages by keyset on (email, id) with an opaque {@link app.rebound.subscriber.SubscriberCursor},
 * never OFFSET. A subscriber's status records when and why it last changed; its bounce history is read newest first.
 */
package app.rebound.subscriber;
