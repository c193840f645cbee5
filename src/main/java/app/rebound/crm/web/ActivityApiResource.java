package app.rebound.crm.web;

import app.rebound.crm.ActivityBatch;
import app.rebound.crm.ActivityService;
import app.rebound.ingest.ApiTokens;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Activity a CRM saw for addresses, with a tenant API token (Bearer); outside the login and CSRF rules like
 * {@code /api/v1/inbound}. Rules in {@link app.rebound.crm}.
 */
@Path("/api/v1/activity")
@Tag(name = "CRM activity")
public class ActivityApiResource {
    private final ApiTokens tokens;
    private final ActivityService service;

    public ActivityApiResource(ApiTokens tokens, ActivityService service) {
        this.tokens = tokens;
        this.service = service;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "apiToken")
    @Operation(summary = "Report activity seen in a CRM, singly or in batches",
            description = "Body: {\"email\", \"source\", \"kind\", \"occurred_at\"} or an array of up to 1,000 of them "
                    + "(at most 512 KiB). Every item is validated first: one bad item answers 422 with every bad item, "
                    + "nothing stored. Each item is answered in order: stored, duplicate (the same address, source, "
                    + "kind and time was stored before) or unknown (no subscriber has this address: not stored).")
    @APIResponse(responseCode = "200", description = "{\"results\": [{\"index\": 0, \"email\": \"...\", \"status\": \"stored\"}], \"stored\": 1, \"duplicate\": 0, \"unknown\": 0}")
    @APIResponse(responseCode = "400", description = "Not JSON, empty, an empty array or more than 1,000 items")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked token")
    @APIResponse(responseCode = "413", description = "Body over 512 KiB")
    @APIResponse(responseCode = "415", description = "Not application/json")
    @APIResponse(responseCode = "422", description = "Invalid items: {\"items\": [{\"index\": 3, \"errors\": [\"email is required\"]}]}")
    public Response report(@HeaderParam("Authorization") String authorization,
                           @HeaderParam("Content-Type") String contentType, byte[] body) {
        Optional<String> tenant = tokens.tenantOfBearer(authorization);
        if (tenant.isEmpty()) {
            return problem(401, "A valid API token is required: Authorization: Bearer rbd_...")
                    .header("WWW-Authenticate", "Bearer realm=\"rebound\"").build();
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_JSON)) {
            return problem(415, "Send application/json").build();
        }
        if (body != null && body.length > ActivityBatch.MAX_BYTES) {
            return problem(413, "The body exceeds the limit of " + ActivityBatch.MAX_BYTES + " bytes: send smaller batches").build();
        }
        try {
            List<ActivityService.Result> results = service.accept(tenant.get(), body);
            return Response.ok(Map.of("results", results,
                    ActivityService.STORED, count(results, ActivityService.STORED),
                    ActivityService.DUPLICATE, count(results, ActivityService.DUPLICATE),
                    ActivityService.UNKNOWN, count(results, ActivityService.UNKNOWN))).build();
        } catch (ActivityBatch.Malformed e) {
            return problem(400, e.getMessage()).build();
        } catch (ActivityBatch.Invalid e) {
            return Response.status(422).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("status", 422, "error", e.getMessage(), "items", e.items())).build();
        }
    }

    private static long count(List<ActivityService.Result> results, String status) {
        return results.stream().filter(r -> r.status().equals(status)).count();
    }

    private static Response.ResponseBuilder problem(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "error", message));
    }
}
