package app.rebound.ingest.web;

import app.rebound.ingest.ApiTokens;
import app.rebound.ingest.ApiUploads;
import app.rebound.ingest.InboundRejectedException;
import app.rebound.ingest.Inbox;
import app.rebound.ingest.Receipt;
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
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bounces collected elsewhere, uploaded with a per-tenant API token (Bearer). Outside the login and CSRF rules:
 * the token is the credential. Answers 202 once every mail is stored; processing follows asynchronously.
 */
@Path("/api/v1/inbound")
@Tag(name = "Inbound bounces")
@SecurityScheme(securitySchemeName = "apiToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A Rebound API token (rbd_...), created by an admin under Ingestion → API tokens")
public class InboundApiResource {
    private final ApiTokens tokens;
    private final ApiUploads uploads;

    public InboundApiResource(ApiTokens tokens, ApiUploads uploads) {
        this.tokens = tokens;
        this.uploads = uploads;
    }

    public record Stored(long inboundId, boolean duplicate) {
        static Stored of(Receipt r) {
            return new Stored(r.inboundId(), r.duplicate());
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "apiToken")
    @Operation(summary = "Upload a raw bounce mail, or a batch",
            description = "Content-Type message/rfc822: one raw mail (Idempotency-Key optional). Content-Type "
                    + "application/json: {\"messages\": [{\"raw\": \"<base64 of the mail>\", \"id\": \"optional key\"}]}, "
                    + "at most 100. Stored before the answer; the same mail (or key) twice is stored once.")
    @RequestBody(content = {@Content(mediaType = "message/rfc822"), @Content(mediaType = "application/json")})
    @APIResponse(responseCode = "202", description = "Stored: {\"stored\": [{\"inboundId\": 1, \"duplicate\": false}]}")
    @APIResponse(responseCode = "400", description = "Malformed batch, empty mail")
    @APIResponse(responseCode = "401", description = "Missing, unknown or revoked token")
    @APIResponse(responseCode = "413", description = "A mail over 10 MiB")
    @APIResponse(responseCode = "415", description = "Neither message/rfc822 nor application/json")
    public Response upload(@HeaderParam("Authorization") String authorization,
                           @HeaderParam("Content-Type") String contentType,
                           @Parameter(description = "Optional idempotency key for a single mail")
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           byte[] body) {
        Optional<String> tenant = bearer(authorization).flatMap(tokens::tenantOf);
        if (tenant.isEmpty()) {
            return problem(401, "A valid API token is required: Authorization: Bearer rbd_...")
                    .header("WWW-Authenticate", "Bearer realm=\"rebound\"").build();
        }
        String type = Inbox.mediaTypeOf(contentType);
        try {
            List<Receipt> stored = switch (type) {
                case "message/rfc822" -> List.of(uploads.acceptRaw(tenant.get(), body, idempotencyKey, "api"));
                case "application/json" -> uploads.acceptBatch(tenant.get(), body, "api");
                default -> null;
            };
            if (stored == null) {
                return problem(415, "Send one raw mail as message/rfc822, or a batch as application/json").build();
            }
            return Response.accepted(Map.of("stored", stored.stream().map(Stored::of).toList())).build();
        } catch (InboundRejectedException e) {
            int status = e.getMessage().contains("exceeds the limit") ? 413 : 400;
            return problem(status, e.getMessage()).build();
        }
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).strip());
    }

    private static Response.ResponseBuilder problem(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "error", message));
    }
}
