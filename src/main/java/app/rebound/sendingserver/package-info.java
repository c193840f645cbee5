/**
 * The SMTP servers a tenant sends through. Only admins see them, and pages get a
 * {@link app.rebound.sendingserver.SendingServerView}, which has no credentials at all: a template cannot show
 * what it is never given. {@link app.rebound.sendingserver.RetryPolicy} carries the soft-bounce retry rules.
 */
package app.rebound.sendingserver;
