package app.rebound.webhook.web;

import app.rebound.ingest.provider.PayloadJson;
import app.rebound.ingest.provider.SendGridVerifier;
import app.rebound.webhook.WebhookAnswer;
import app.rebound.webhook.WebhookReceiver;
import io.quarkus.logging.Log;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /webhooks/{provider}/{endpointId}}: where SES (SNS), SendGrid, Mailgun, Postmark and SparkPost post
 * their events. Outside login (a permit policy for {@code /webhooks/*}) and CSRF (providers send JSON with no
 * token, which the CSRF filter does not check); each request proves itself with its provider's scheme instead.
 * 2xx only once the payload is stored; 401 bad signature, 403 wrong SNS topic, 400 malformed, 413 too large,
 * 404 unknown endpoint, 503 when it could not be stored (the provider retries).
 */
@Path("/webhooks/{provider}/{endpointId}")
public class WebhookResource {
    private final WebhookReceiver receiver;

    public WebhookResource(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(@PathParam("provider") String provider, @PathParam("endpointId") String endpointId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(SendGridVerifier.SIGNATURE_HEADER) String sgSignature,
            @HeaderParam(SendGridVerifier.TIMESTAMP_HEADER) String sgTimestamp, InputStream body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(PayloadJson.MAX_BYTES + 1);
        } catch (IOException e) {
            return answer(WebhookAnswer.of(400, "could not read the request body"));
        }
        if (bytes.length > PayloadJson.MAX_BYTES) {
            return answer(WebhookAnswer.of(413, "payload exceeds the limit of " + PayloadJson.MAX_BYTES + " bytes"));
        }
        try {
            return answer(receiver.receive(provider, endpointId,
                    new WebhookReceiver.Request(authorization, contentType, sgSignature, sgTimestamp), bytes));
        } catch (RuntimeException e) {
            Log.errorf(e, "webhook %s/%s could not be stored", provider, endpointId);
            return answer(WebhookAnswer.of(503, "could not store the payload now; please retry"));
        }
    }

    private static Response answer(WebhookAnswer a) {
        Response.ResponseBuilder b = Response.status(a.status()).entity(a.message() + "\n").type(MediaType.TEXT_PLAIN);
        if (a.status() == 401) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"rebound-webhooks\"");
        }
        return b.build();
    }
}
