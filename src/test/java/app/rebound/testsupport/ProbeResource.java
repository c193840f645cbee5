package app.rebound.testsupport;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only endpoints (src/test, never packaged): a path under /webhooks/ as a provider-webhook feature will have
 * one (no login, no CSRF), and a page that fails the way a database error does.
 */
@Path("/")
public class ProbeResource {
    @POST
    @Path("webhooks/test-probe")
    @Produces(MediaType.TEXT_PLAIN)
    public String webhook() {
        return "received";
    }

    @GET
    @Path("test-probe/boom")
    @Produces(MediaType.TEXT_HTML)
    public String boom() {
        throw new PersistenceException("ERROR: relation \"secret_table\" does not exist; select * from secret_table "
                + "at app.rebound.Secret.method(Secret.java:42)");
    }
}
