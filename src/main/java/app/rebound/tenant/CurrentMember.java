package app.rebound.tenant;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;

/** The logged-in member for this request: who, in which tenant, with which role, and where else. */
@Named("member")
@RequestScoped
public class CurrentMember {
    private final SecurityIdentity identity;

    public CurrentMember(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Optional<String> tenantId() {
        return identity.isAnonymous() ? Optional.empty()
                : Optional.ofNullable(identity.getAttribute(MembershipAugmentor.ATTR_TENANT));
    }

    public List<MemberTenant> memberships() {
        List<MemberTenant> list = identity.isAnonymous() ? null : identity.getAttribute(MembershipAugmentor.ATTR_MEMBERSHIPS);
        return list == null ? List.of() : list;
    }

    public Optional<MemberTenant> current() {
        return tenantId().flatMap(t -> memberships().stream().filter(m -> m.tenantId().equals(t)).findFirst());
    }

    /** The identity provider's subject of this login (what memberships are bound to); empty when anonymous. */
    public String subject() {
        return identity.isAnonymous() ? "" : MembershipAugmentor.subjectOf(identity).orElse("");
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean has(Role role) {
        return current().map(m -> m.role().compareTo(role) >= 0).orElse(false);
    }

    public String currentTenantId() {
        return tenantId().orElse("");
    }

    public String tenantName() {
        return current().map(MemberTenant::tenantName).orElse("");
    }

    public String roleName() {
        return current().map(m -> m.role().code()).orElse("");
    }

    public boolean isSupport() {
        return has(Role.SUPPORT);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean hasSeveralTenants() {
        return memberships().size() > 1;
    }
}
