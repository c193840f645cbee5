package app.rebound.tenant.web;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Logout is a POST from the header's form (with its CSRF token): a link or an image on another site cannot log
 * anyone out. Ends Rebound's session, then ends the identity provider's session when it offers an end-session
 * endpoint, coming back to Rebound's home page.
 */
@Path("/logout")
@Authenticated
public class LogoutResource {
    private final OidcSession session;
    private final Instance<OidcConfigurationMetadata> metadata;

    public LogoutResource(OidcSession session, Instance<OidcConfigurationMetadata> metadata) {
        this.session = session;
        this.metadata = metadata;
    }

    @POST
    public Uni<Response> logout(RoutingContext rc) {
        String idToken = session.getIdToken() == null ? null : session.getIdToken().getRawToken();
        return session.logout().map(v -> Response.seeOther(afterLogout(rc, idToken)).build());
    }

    private URI afterLogout(RoutingContext rc, String idToken) {
        String endSession = metadata.isResolvable() ? metadata.get().getEndSessionUri() : null;
        if (endSession == null || endSession.isBlank()) {
            return URI.create("/");
        }
        String home = rc.request().scheme() + "://" + rc.request().authority() + "/";
        StringBuilder url = new StringBuilder(endSession).append(endSession.contains("?") ? '&' : '?')
                .append("post_logout_redirect_uri=").append(URLEncoder.encode(home, StandardCharsets.UTF_8));
        if (idToken != null) {
            url.append("&id_token_hint=").append(URLEncoder.encode(idToken, StandardCharsets.UTF_8));
        }
        return URI.create(url.toString());
    }
}
