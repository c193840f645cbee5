package app.rebound.infra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The application under its production configuration profile ({@code %prod} in application.properties), with its
 * own secrets: metrics, the OpenAPI document and Swagger UI are not public, health is, and demo data is off
 * unless switched on. Only what a test machine needs is overridden: the database (this checkout's test database)
 * and a random port.
 */
@QuarkusTest
@TestProfile(ProductionProfileTest.Production.class)
class ProductionProfileTest {
    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            String db = System.getenv().getOrDefault("REBOUND_TEST_DB", TestDatabase.defaultName(Path.of("")));
            Map<String, String> m = new HashMap<>();
            m.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + db);
            m.put("quarkus.http.test-port", "0");
            m.put("rebound.secret-key", "prod-profile-test-secret-key-0123456789abcdef");
            m.put("quarkus.oidc.token-state-manager.encryption-secret", "prod-profile-test-session-secret-0123456789");
            m.put("quarkus.oidc.client-id", "quarkus-app"); // the OIDC dev server's client
            return m;
        }
    }

    @Test
    void operationsEndpointsAreNotPublicButHealthIs() {
        for (String path : new String[] {"/q/metrics", "/q/openapi", "/q/openapi?format=json", "/q/swagger-ui/"}) {
            Response r = given().redirects().follow(false).get(path);
            assertNotEquals(200, r.statusCode(), path + " is public in production");
            assertFalse(r.asString().contains("jvm_memory") || r.asString().contains("openapi:"), path);
        }
        given().get("/q/health").then().statusCode(200).body(containsString("\"status\": \"UP\""));
    }

    @Test
    void demoDataIsOffUnlessSwitchedOn() {
        assertFalse(ConfigProvider.getConfig().getValue("rebound.demo.seed", Boolean.class),
                "production seeds demo tenants and members only when REBOUND_DEMO_SEED=true");
    }
}
