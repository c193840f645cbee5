package app.rebound.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hibernate's tenant filter does not apply to native SQL, so native SQL lives only in {@link TenantSql}
 * (which takes the tenant explicitly) and in the two database bootstraps that run before Quarkus and touch no
 * tenant data: the embedded server, and the test database that is created when missing (TestDatabase).
 */
class NativeSqlConfinementTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Set<String> ALLOWED = Set.of("app/rebound/tenant/TenantSql.java", "app/rebound/infra/EmbeddedPostgres.java",
            "app/rebound/infra/TestDatabase.java",
            "app/rebound/webhook/WebhookSql.java",
            // The ingestion pipeline: every statement names its tenant explicitly (see IngestSql).
            "app/rebound/ingest/IngestSql.java",
            // Campaign sends and retries: bulk claims with FOR UPDATE SKIP LOCKED, every statement names its tenant.
            "app/rebound/sending/SendingSql.java",
            // Outgoing webhooks: the delivery worker's batch claims (platform-wide) and unnest updates.
            "app/rebound/outbound/OutboundSql.java",
            // CRM activity: the idempotent bulk insert (ON CONFLICT DO NOTHING), every statement names its tenant.
            "app/rebound/crm/CrmSql.java",
            // Insight reports over the per-recipient sends (campaign_delivery has no entity): tenant explicit.
            "app/rebound/insight/InsightSql.java",
            // Re-add confirmation links: which tenant holds a token hash, the one lookup before a tenant is known.
            "app/rebound/subscriber/ConfirmationSql.java",
            // The bounce-log tab's rows, read without entities: every statement names its tenant.
            "app/rebound/bounce/BounceLogSql.java",
            // The campaign bounce-log CSV export: plain JDBC rows in keyset batches, every statement names its tenant.
            "app/rebound/bounce/BounceExportSql.java");
    private static final Pattern NATIVE_SQL = Pattern.compile(
            "createNativeQuery|getConnection|prepareStatement|prepareCall|createStatement|NativeQuery|AgroalDataSource|doWork|doReturningWork");

    @Test
    void nativeSqlOnlyInTenantSql() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("app/rebound")), "run from the project root");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                if (ALLOWED.contains(rel)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (NATIVE_SQL.matcher(lines.get(i)).find()) {
                        offenders.add(rel + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "native SQL outside TenantSql (app/rebound/demo/** included)");
    }

    @Test
    void theScanFindsWhatItLooksFor() throws IOException {
        String tenantSql = Files.readString(MAIN.resolve("app/rebound/tenant/TenantSql.java"));
        assertTrue(NATIVE_SQL.matcher(tenantSql).find(), "the pattern must match real native SQL");
    }
}
