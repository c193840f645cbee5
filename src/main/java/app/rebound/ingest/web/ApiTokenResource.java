package app.rebound.ingest.web;

import app.rebound.ingest.ApiTokens;
import app.rebound.tenant.CurrentMember;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Admins create and revoke the organisation's API tokens for /api/v1/inbound; a new token is shown once. */
@Path("/api-tokens")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class ApiTokenResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<ApiTokens.Token> tokens, String created);
    }

    private final ApiTokens tokens;
    private final CurrentMember member;
    private final Flash flash;

    public ApiTokenResource(ApiTokens tokens, CurrentMember member, Flash flash) {
        this.tokens = tokens;
        this.member = member;
        this.flash = flash;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(tokens.list(member.currentTenantId()), null);
    }

    /** Answers with the page itself (not a redirect), so the token is shown once and never travels in a cookie. */
    @POST
    public TemplateInstance create(@FormParam("name") String name) {
        try {
            String token = tokens.create(member.currentTenantId(), name);
            return Templates.index(tokens.list(member.currentTenantId()), token);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@PathParam("id") String id) {
        long token = Ids.parse(id, "token");
        flash.set(tokens.revoke(member.currentTenantId(), token) ? "The token was revoked." : "No such live token.");
        return Response.seeOther(URI.create("/api-tokens")).build();
    }
}
