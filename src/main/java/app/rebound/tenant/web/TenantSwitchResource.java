package app.rebound.tenant.web;

import app.rebound.tenant.CurrentMember;
import app.rebound.tenant.MembershipAugmentor;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

@Path("/")
@Authenticated
public class TenantSwitchResource {
    private final CurrentMember member;

    public TenantSwitchResource(CurrentMember member) {
        this.member = member;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/campaigns")).build();
    }

    /** Switches the organisation the member acts in; only to one the member belongs to. */
    @POST
    @Path("tenant")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response switchTenant(@FormParam("tenant") String tenant) {
        if (tenant == null || member.memberships().stream().noneMatch(m -> m.tenantId().equals(tenant))) {
            throw new BadRequestException("You are not a member of that organisation.");
        }
        NewCookie cookie = new NewCookie.Builder(MembershipAugmentor.TENANT_COOKIE).value(tenant).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge(60 * 60 * 24 * 365).build();
        return Response.seeOther(URI.create("/campaigns")).cookie(cookie).build();
    }
}
