package app.rebound.bounce.web;

import app.rebound.bounce.BounceInspector;
import app.rebound.engine.AnalysisReport;
import app.rebound.tenant.Role;
import app.rebound.web.Htmx;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Paste or upload a raw mail and see how Rebound reads it. Stores nothing. */
@Path("/inspector")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.SUPPORT_NAME)
public class InspectorResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<AnalysisReport> reports, String raw, boolean inspected);

        static native TemplateInstance index$result(List<AnalysisReport> reports, boolean inspected);
    }

    private final BounceInspector inspector;
    private final Htmx htmx;

    public InspectorResource(BounceInspector inspector, Htmx htmx) {
        this.inspector = inspector;
        this.htmx = htmx;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(List.of(), "", false);
    }

    @POST
    @Consumes({ MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED })
    public TemplateInstance inspect(@RestForm String raw, @RestForm("file") FileUpload file) {
        BounceInspector.Input input = inspector.read(raw, file == null ? null : file.uploadedFile());
        List<AnalysisReport> reports = inspector.inspect(input);
        return htmx.isFragmentRequest() ? Templates.index$result(reports, true)
                : Templates.index(reports, input.showBack(), true);
    }
}
