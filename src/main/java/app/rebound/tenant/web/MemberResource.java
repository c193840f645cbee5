package app.rebound.tenant.web;

import app.rebound.tenant.MemberService;
import app.rebound.tenant.Membership;
import app.rebound.tenant.Role;
import app.rebound.web.Flash;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
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
import java.util.function.Supplier;

/** Admins list, add, re-role and remove the organisation's members (rules in {@link MemberService}). */
@Path("/admin/members")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class MemberResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<Membership> members, String self);
    }

    private final MemberService members;
    private final app.rebound.tenant.CurrentMember member;
    private final Flash flash;

    public MemberResource(MemberService members, app.rebound.tenant.CurrentMember member, Flash flash) {
        this.members = members;
        this.member = member;
        this.flash = flash;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(members.list(), member.subject());
    }

    @POST
    public Response add(@FormParam("subject") String subject, @FormParam("email") String email,
                        @FormParam("role") String role) {
        Membership m = refusedAs422(() -> members.add(subject, email, role));
        flash.set((m.isPending() ? m.email + " was added: the membership binds at their first login with this verified e-mail."
                : m.subject + " was added.") + " Role: " + m.role.code() + ".");
        return back();
    }

    @POST
    @Path("{id}/role")
    public Response role(@PathParam("id") String id, @FormParam("role") String role, @FormParam("confirm") String confirm) {
        Membership m = refusedAs422(() -> members.changeRole(Ids.parse(id, "member"), role, "yes".equals(confirm)));
        flash.set(label(m) + " is now " + m.role.code() + ".");
        return back();
    }

    @POST
    @Path("{id}/remove")
    public Response remove(@PathParam("id") String id, @FormParam("confirm") String confirm) {
        Membership m = refusedAs422(() -> members.remove(Ids.parse(id, "member"), "yes".equals(confirm)));
        flash.set(label(m) + " was removed.");
        return back();
    }

    private static String label(Membership m) {
        return m.subject != null ? m.subject : m.email;
    }

    private static <T> T refusedAs422(Supplier<T> action) {
        try {
            return action.get();
        } catch (MemberService.Refused e) {
            throw new ClientErrorException(e.getMessage(), 422);
        }
    }

    private static Response back() {
        return Response.seeOther(URI.create("/admin/members")).build();
    }
}
