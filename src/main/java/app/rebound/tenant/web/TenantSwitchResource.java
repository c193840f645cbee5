package app.rebound.tenant.web;

import app.rebound.tenant.CurrentMember;
import app.rebound.tenant.MemberTenant;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.web.Flash;
import app.rebound.web.SecureCookies;
import io.quarkus.security.Authenticated;
import io.vertx.ext.web.RoutingContext;
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
    private final Flash flash;

    public TenantSwitchResource(CurrentMember member, Flash flash) {
        this.member = member;
        this.flash = flash;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/campaigns")).build();
    }

    /** Switches the organisation the member acts in; only to one the member belongs to. */
    @POST
    @Path("tenant")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response switchTenant(@FormParam("tenant") String tenant, RoutingContext rc) {
        MemberTenant target = member.memberships().stream().filter(m -> m.tenantId().equals(tenant)).findFirst()
                .orElseThrow(() -> new BadRequestException("You are not a member of that organisation."));
        flash.set("Now working in " + target.tenantName() + " as " + target.role().code() + ".");
        NewCookie cookie = new NewCookie.Builder(MembershipAugmentor.TENANT_COOKIE).value(tenant).path("/")
                .httpOnly(true).secure(SecureCookies.isSecure(rc)).sameSite(NewCookie.SameSite.LAX).maxAge(60 * 60 * 24 * 365)
                .build();
        return Response.seeOther(URI.create("/campaigns")).cookie(cookie).build();
    }
}
