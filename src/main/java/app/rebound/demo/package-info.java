/**
 * Demo data: two tenants ({@code acme}, {@code globex}) with users, lists, subscribers, sending servers,
 * campaigns and a realistic bounce history, created at first start when {@code rebound.demo.seed=true}.
 *
 * <p>The whole history is planned in memory first ({@link app.rebound.demo.DemoPlanner}, plain Java, seeded
 * {@link java.util.Random}), so subscriber statuses already reflect the bounces and complaints that suppress
 * them and nothing has to be updated afterwards. {@link app.rebound.demo.DemoData} then writes each tenant
 * in one transaction, tenant row included: a crash mid-way leaves no half tenant, and an existing tenant
 * row means that tenant is complete and is skipped.
 *
 * <p>Receiver replies ({@link app.rebound.demo.ReceiverReplies}) are verbatim in the style of Gmail,
 * Microsoft (Outlook.com and Exchange Online), Yahoo, iCloud, Mimecast and Postfix; the reason, type and
 * fault follow Sisimai's classification.
 */
package app.rebound.demo;
