package app.rebound.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * A minimal OpenID Connect provider for the load benchmark (bench/bounce-log-wrk.sh) only: the packaged application
 * runs with the production profile, where Quarkus's in-process OIDC dev server does not exist, and this machine has no
 * Keycloak (no Docker). It serves discovery, a JWKS with one RSA key made at start, an authorization endpoint that
 * logs in the subject given in its {@code login_hint} parameter (or {@code -Dbench.oidc.subject}, default {@code bob})
 * without a form, and a token endpoint that answers a code with RS256-signed ID and access tokens (and a refresh
 * token), so the application does its real session work on every request: decrypting the session cookie and
 * verifying the ID token's signature, issuer, audience and expiry. Never part of the application.
 * Usage: {@code java -cp ... app.rebound.bench.BenchOidc PORT CLIENT_ID CLIENT_SECRET}.
 */
public final class BenchOidc {
    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final RsaJsonWebKey key;
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    BenchOidc(int port, String clientId, String clientSecret) throws JoseException {
        this.issuer = "http://127.0.0.1:" + port;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("bench-" + HexFormat.of().formatHex(random.generateSeed(4)));
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        key.setUse("sig");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BenchOidc PORT CLIENT_ID CLIENT_SECRET");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        BenchOidc p = new BenchOidc(port, args[1], args[2]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/.well-known/openid-configuration", p::discovery);
        server.createContext("/jwks", p::jwks);
        server.createContext("/authorize", p::authorize);
        server.createContext("/token", p::token);
        server.createContext("/logout", ex -> send(ex, 200, "text/plain", "logged out"));
        server.start();
        System.out.println("BenchOidc listening on " + p.issuer);
    }

    private void discovery(HttpExchange ex) throws IOException {
        send(ex, 200, "application/json", """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","end_session_endpoint":"%1$s/logout","response_types_supported":["code"],
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}"""
                .formatted(issuer));
    }

    private void jwks(HttpExchange ex) throws IOException {
        send(ex, 200, "application/json", new JsonWebKeySet(key).toJson());
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        if (!clientId.equals(q.get("client_id")) || q.get("redirect_uri") == null) {
            send(ex, 400, "text/plain", "unknown client or no redirect_uri");
            return;
        }
        String subject = q.getOrDefault("login_hint", System.getProperty("bench.oidc.subject", "bob"));
        String code = HexFormat.of().formatHex(random.generateSeed(16));
        codes.put(code, subject + "\n" + q.getOrDefault("nonce", ""));
        String sep = q.get("redirect_uri").contains("?") ? "&" : "?";
        String location = q.get("redirect_uri") + sep + "code=" + code
                + (q.containsKey("state") ? "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8) : "");
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        boolean clientOk = basic.equals(auth) || (clientId.equals(f.get("client_id")) && clientSecret.equals(f.get("client_secret")));
        if (!clientOk) {
            send(ex, 401, "application/json", "{\"error\":\"invalid_client\"}");
            return;
        }
        String grant = f.get("grant_type");
        String subjectAndNonce;
        if ("authorization_code".equals(grant)) {
            subjectAndNonce = codes.remove(String.valueOf(f.get("code")));
        } else if ("refresh_token".equals(grant)) {
            subjectAndNonce = f.get("refresh_token") == null ? null
                    : new String(java.util.Base64.getUrlDecoder().decode(f.get("refresh_token")), StandardCharsets.UTF_8) + "\n";
        } else {
            subjectAndNonce = null;
        }
        if (subjectAndNonce == null) {
            send(ex, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        String[] sn = subjectAndNonce.split("\n", -1);
        try {
            String id = sign(sn[0], sn.length > 1 ? sn[1] : "", true);
            String access = sign(sn[0], "", false);
            String refresh = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sn[0].getBytes(StandardCharsets.UTF_8));
            send(ex, 200, "application/json", """
                    {"access_token":"%s","id_token":"%s","refresh_token":"%s","token_type":"Bearer","expires_in":3600}"""
                    .formatted(access, id, refresh));
        } catch (JoseException e) {
            send(ex, 500, "application/json", "{\"error\":\"server_error\"}");
        }
    }

    private String sign(String subject, String nonce, boolean idToken) throws JoseException {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience(clientId);
        c.setSubject(subject);
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(60);
        c.setGeneratedJwtId();
        c.setClaim("preferred_username", subject);
        c.setClaim("azp", clientId);
        if (idToken && !nonce.isEmpty()) {
            c.setClaim("nonce", nonce);
        }
        if (!idToken) {
            c.setClaim("scope", "openid");
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(c.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
