/** Rebound: bounce handling for email-marketing teams. */
package app.rebound;
