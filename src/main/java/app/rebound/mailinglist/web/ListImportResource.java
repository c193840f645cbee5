package app.rebound.mailinglist.web;

import app.rebound.mailinglist.CsvImport;
import app.rebound.mailinglist.CsvImport.Result;
import app.rebound.mailinglist.ImportBatch;
import app.rebound.mailinglist.ImportJobs;
import app.rebound.tenant.CurrentMember;
import app.rebound.web.Htmx;
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
import java.net.URI;
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

        static native TemplateInstance job(MailingList list, ImportJobs.Job job);

        static native TemplateInstance job$progress(MailingList list, ImportJobs.Job job);
    }

    private final CsvImport imports;
    private final ImportJobs jobs;
    private final CurrentMember member;
    private final Htmx htmx;

    public ListImportResource(CsvImport imports, ImportJobs jobs, CurrentMember member, Htmx htmx) {
        this.imports = imports;
        this.jobs = jobs;
        this.member = member;
        this.htmx = htmx;
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
        if (jobs.inBackground(file.size())) {
            java.nio.file.Path copy = Files.createTempFile("rebound-import-", ".csv");
            Files.copy(file.uploadedFile(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ImportJobs.Job job = jobs.start(member.currentTenantId(), listId, file.fileName(), copy, Instant.now());
            return Response.seeOther(URI.create("/lists/" + listId + "/imports/" + job.id)).build();
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

    /** A background import's progress; htmx polls the fragment every second until the job is finished. */
    @GET
    @Path("{id}/imports/{job}")
    @Transactional
    public TemplateInstance job(@PathParam("id") String id, @PathParam("job") String jobId) {
        MailingList list = list(id);
        ImportJobs.Job job = jobs.find(member.currentTenantId(), list.id, jobId)
                .orElseThrow(() -> new NotFoundException("No such import (finished imports are kept for an hour)."));
        return htmx.isFragmentRequest() ? Templates.job$progress(list, job) : Templates.job(list, job);
    }

    private static MailingList list(String id) {
        MailingList list = MailingList.findById(Ids.parse(id, "list"));
        if (list == null) {
            throw new NotFoundException("No such list.");
        }
        return list;
    }
}
