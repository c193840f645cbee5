package app.rebound.mailinglist.web;

import app.rebound.mailinglist.CsvImport;
import app.rebound.mailinglist.CsvImport.Result;
import app.rebound.mailinglist.ImportBatch;
import app.rebound.mailinglist.MailingList;
import app.rebound.tenant.Role;
import app.rebound.web.Ids;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Mailing lists and their CSV imports (each import recorded as a batch). */
@Path("/lists")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.MARKETER_NAME)
public class ListImportResource {
    static final long MAX_BYTES = 10L * 1024 * 1024;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<MailingList> lists);

        static native TemplateInstance show(MailingList list, List<ImportBatch> batches, Result result);
    }

    private final CsvImport imports;

    public ListImportResource(CsvImport imports) {
        this.imports = imports;
    }

    @GET
    @Transactional
    public TemplateInstance index() {
        return Templates.index(MailingList.list("order by name, id"));
    }

    @GET
    @Path("{id}")
    @Transactional
    public TemplateInstance show(@PathParam("id") String id) {
        MailingList list = list(id);
        return Templates.show(list, ImportBatch.ofList(list.id, 20), null);
    }

    @POST
    @Path("{id}/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Transactional
    public Response upload(@PathParam("id") String id, @RestForm("file") FileUpload file) throws IOException {
        long listId = list(id).id;
        if (file == null || file.uploadedFile() == null) {
            throw new BadRequestException("Choose a CSV file to import.");
        }
        if (file.size() > MAX_BYTES) {
            return Response.status(413).entity("The file is larger than 10 MiB; split it.").type(MediaType.TEXT_PLAIN).build();
        }
        Result result;
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file.uploadedFile()),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            result = imports.importInto(listId, file.fileName(), reader, Instant.now());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadRequestException("The file is not UTF-8 text: save it as CSV (UTF-8) and upload it again.");
        }
        MailingList list = MailingList.findById(listId);
        TemplateInstance page = Templates.show(list, ImportBatch.ofList(listId, 20), result);
        return Response.status(result.ok() ? 200 : 422).entity(page).build();
    }

    private static MailingList list(String id) {
        MailingList list = MailingList.findById(Ids.parse(id, "list"));
        if (list == null) {
            throw new NotFoundException("No such list.");
        }
        return list;
    }
}
