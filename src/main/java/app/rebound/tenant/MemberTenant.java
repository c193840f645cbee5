package app.rebound.tenant;

/** One tenant a logged-in identity belongs to, as shown in the tenant switcher. */
public record MemberTenant(String tenantId, String tenantName, Role role) {
}
