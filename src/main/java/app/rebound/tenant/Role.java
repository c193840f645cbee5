package app.rebound.tenant;

import java.util.Locale;
import java.util.Set;

/**
 * What a member may do inside one tenant. Roles are cumulative: support can do everything a marketer
 * can, admin everything support can. Resources name the least role they need in {@code @RolesAllowed}.
 */
public enum Role {
    MARKETER, SUPPORT, ADMIN;

    public static final String MARKETER_NAME = "marketer";
    public static final String SUPPORT_NAME = "support";
    public static final String ADMIN_NAME = "admin";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role names a member with this role holds, for {@code @RolesAllowed} checks. */
    public Set<String> grantedRoleNames() {
        return switch (this) {
            case MARKETER -> Set.of(MARKETER_NAME);
            case SUPPORT -> Set.of(MARKETER_NAME, SUPPORT_NAME);
            case ADMIN -> Set.of(MARKETER_NAME, SUPPORT_NAME, ADMIN_NAME);
        };
    }

    public static Role fromCode(String code) {
        return Role.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
