package app.rebound.campaign;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.bounce.Bounce;
import app.rebound.bounce.BounceLogFilter;
import app.rebound.tenant.MembershipAugmentor;
import app.rebound.tenant.Role;
import app.rebound.tenant.TenantRunner;
import app.rebound.testsupport.Db;
import app.rebound.testsupport.Fixtures;
import app.rebound.testsupport.Fixtures.World;
import app.rebound.web.CsvExport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The campaign bounce-log CSV export read from plain JDBC rows: for every filter of the bounce log it holds exactly
 * the rows the log's own query finds, in the same order, each cell as the entity-based export wrote it (formula cells
 * defused), across keyset batches of 50 with equal times at a batch border; and another tenant's rows of a campaign
 * with the very same id never appear (the native SQL names its tenant).
 */
@QuarkusTest
class BounceExportTest {
    static World a;
    static World b;

    @Inject
    Fixtures fixtures;
    @Inject
    Db db;
    @Inject
    TenantRunner runner;

    @BeforeEach
    void world() {
        if (a != null) {
            return;
        }
        String ta = fixtures.aTenant("csvx-a");
        String tb = fixtures.aTenant("csvx-b");
        fixtures.aMember(ta, "csvx-user", Role.MARKETER);
        fixtures.aMember(tb, "csvx-other", Role.MARKETER);
        a = fixtures.aWorldWithDistinctRecipients(ta, 70);
        b = fixtures.aWorldWithDistinctRecipients(tb, 4);
        List<Long> ids = a.bounceIds();
        // newest first, row 50 (the last of the first batch) is index 20: equal times across that border
        for (int i = 17; i <= 23; i++) {
            db.update("update bounce set occurred_at = ? where tenant_id = ? and id = ?",
                    Timestamp.from(Instant.parse("2026-01-10T08:00:00.123456Z")), ta, ids.get(i));
        }
        db.update("update bounce set type = 'soft', status_code = '4.2.2', reply_code = 452, reason = 'mailboxfull',"
                + " diagnostic = '=HYPERLINK(\"http://x\") 452 4.2.2 Over QUOTA, \"full\"', recipient_domain = 'gmail.com'"
                + " where tenant_id = ? and id in (?, ?, ?)", ta, ids.get(3), ids.get(20), ids.get(41));
        db.update("update bounce set type = 'complaint', status_code = null, reply_code = null, reason = 'feedback',"
                + " fault = 'unknown', feedback_type = '@abuse', diagnostic = null, action = 'unsubscribed'"
                + " where tenant_id = ? and id = ?", ta, ids.get(5));
        db.update("update bounce set status_code = '5.7.1', fault = 'sender', investigate = true, action = 'investigate',"
                + " diagnostic = '+550 5.7.1 blocked', recipient_email = ? where tenant_id = ? and id = ?",
                "-odd,\"quoted\"@csvx.example", ta, ids.get(9));
        db.update("update bounce set occurred_at = ? where tenant_id = ? and id in (?, ?)",
                Timestamp.from(Instant.parse("2025-06-15T12:00:00Z")), ta, ids.get(10), ids.get(11));
        runner.inTenant(ta, () -> CampaignBounceCount.recount(a.campaignId()));
        // tenant b: a campaign with the very same id as a's, its bounces matching every filter below
        db.update("insert into campaign (id, tenant_id, name, subject, list_id, sending_server_id, sent_at)"
                + " values (?, ?, 'Twin', 'Twin', ?, ?, now())", a.campaignId(), tb, b.listId(), b.serverId());
        for (int i = 0; i < 3; i++) {
            db.update("""
                    insert into bounce (id, tenant_id, campaign_id, recipient_email, type, status_code, reply_code, reason, fault,
                                        diagnostic, occurred_at, investigate, recipient_domain, action)
                    values (nextval('bounce_seq'), ?, ?, ?, 'soft', '4.2.2', 452, 'mailboxfull', 'recipient',
                            '452 4.2.2 Over quota', ?, true, 'gmail.com', 'retry')""",
                    tb, a.campaignId(), "leak-" + i + "@gmail.com", Timestamp.from(Instant.parse("2026-01-10T08:00:00Z")));
        }
        runner.inTenant(tb, () -> CampaignBounceCount.recount(a.campaignId()));
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    private static List<List<String>> cells(List<CSVRecord> records) {
        List<List<String>> out = new ArrayList<>();
        records.forEach(r -> out.add(r.toList()));
        return out;
    }

    private String export(long campaign, String query) throws IOException {
        return given().get("/campaigns/" + campaign + "/bounces/export.csv" + (query.isEmpty() ? "" : "?" + query)).then()
                .statusCode(200).extract().asString();
    }

    /**
     * The oracle: the filter written again, independently, as an HQL query over the entities (Hibernate's tenant
     * filter applies), newest first, each row as the entity-based export wrote it, cell by cell.
     */
    private List<List<String>> expected(BounceLogFilter filter) {
        return runner.inTenant(a.tenantId(), () -> {
            io.quarkus.panache.common.Parameters p = io.quarkus.panache.common.Parameters.with("c", Campaign.findById(a.campaignId()));
            StringBuilder q = new StringBuilder("campaign = :c");
            if (filter.type() != null) {
                q.append(" and type = :type");
                p.and("type", filter.type());
            }
            if (!filter.code().isEmpty()) {
                boolean exact = filter.code().chars().filter(ch -> ch == '.').count() == 2;
                q.append(exact ? " and statusCode = :code" : " and statusCode like :code");
                p.and("code", exact ? filter.code() : filter.code() + ".%");
            }
            if (filter.fault() != null) {
                q.append(" and fault = :fault");
                p.and("fault", filter.fault());
            }
            if (filter.investigate()) {
                q.append(" and investigate = true");
            }
            if (!filter.address().isEmpty()) {
                // an address or its beginning; "@..." a domain part anywhere
                q.append(" and lower(recipientEmail) like :address escape '\\'");
                p.and("address", (filter.address().startsWith("@") ? "%" : "") + likeEscaped(filter.address()) + "%");
            }
            if (!filter.reason().isEmpty()) {
                q.append(" and lower(diagnostic) like :reason escape '\\'");
                p.and("reason", "%" + likeEscaped(filter.reason().toLowerCase(Locale.ROOT)) + "%");
            }
            if (!filter.domain().isEmpty()) {
                q.append(" and recipientDomain = :domain");
                p.and("domain", filter.domain());
            }
            if (filter.fromInstant() != null) {
                q.append(" and occurredAt >= :from");
                p.and("from", filter.fromInstant());
            }
            if (filter.toInstantExclusive() != null) {
                q.append(" and occurredAt < :to");
                p.and("to", filter.toInstantExclusive());
            }
            List<List<String>> out = new ArrayList<>();
            for (Bounce x : Bounce.<Bounce>list(q.append(" order by occurredAt desc, id desc").toString(), p)) {
                out.add(List.of(x.occurredAt.toString(), CsvExport.cell(x.recipientEmail), x.type.name().toLowerCase(Locale.ROOT),
                        x.statusCode == null ? "" : x.statusCode, x.replyCode == null ? "" : x.replyCode.toString(), x.reason,
                        x.fault.name().toLowerCase(Locale.ROOT), x.action == null ? "" : x.action, Boolean.toString(x.investigate),
                        CsvExport.cell(x.diagnostic), CsvExport.cell(x.feedbackType)));
            }
            return out;
        });
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Test
    @TestSecurity(user = "csvx-user", augmentors = MembershipAugmentor.class)
    void everyFilterExportsExactlyTheLogsRowsInOrderCellByCell() throws IOException {
        String[][] filters = {
            {"", null, null, null, null, null, null, null, null, null},
            {"type=soft", "soft", null, null, null, null, null, null, null, null},
            {"type=complaint", "complaint", null, null, null, null, null, null, null, null},
            {"code=4", null, "4", null, null, null, null, null, null, null},
            {"code=5.1", null, "5.1", null, null, null, null, null, null, null},
            {"code=5.7.1", null, "5.7.1", null, null, null, null, null, null, null},
            {"fault=sender", null, null, "sender", null, null, null, null, null, null},
            {"investigate=1", null, null, null, "1", null, null, null, null, null},
            {"address=r-06", null, null, null, null, "r-06", null, null, null, null},
            {"address=%25", null, null, null, null, "%", null, null, null, null},
            {"reason=quota", null, null, null, null, null, "quota", null, null, null},
            {"domain=gmail.com", null, null, null, null, null, null, "gmail.com", null, null},
            {"from=2025-06-01&to=2025-06-30", null, null, null, null, null, null, null, "2025-06-01", "2025-06-30"},
            {"from=2026-01-10", null, null, null, null, null, null, null, "2026-01-10", null},
            {"type=soft&reason=quota&domain=gmail.com", "soft", null, null, null, null, "quota", "gmail.com", null, null},
        };
        for (String[] f : filters) {
            BounceLogFilter filter = BounceLogFilter.parse(f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
            List<List<String>> want = expected(filter);
            List<List<String>> got = cells(parse(export(a.campaignId(), f[0])));
            assertEquals(want, got, "export with " + (f[0].isEmpty() ? "no filter" : f[0]));
            assertTrue(got.stream().noneMatch(r -> r.get(1).startsWith("leak-")), f[0]);
        }
        List<List<String>> all = cells(parse(export(a.campaignId(), "")));
        assertEquals(70, all.size(), "every bounce of the campaign, across batches of 50");
        assertEquals(db.count("select count(*) from bounce where tenant_id = ? and campaign_id = ?", a.tenantId(), a.campaignId()),
                all.size());
        List<String> odd = all.stream().filter(r -> r.get(1).contains("quoted")).findFirst().orElseThrow();
        assertEquals("'-odd,\"quoted\"@csvx.example", odd.get(1), "formula defused, quotes and comma kept");
        assertEquals("'+550 5.7.1 blocked", odd.get(9));
        List<String> complaint = all.stream().filter(r -> r.get(2).equals("complaint")).findFirst().orElseThrow();
        assertEquals("'@abuse", complaint.get(10));
        assertEquals("", complaint.get(4), "no reply code: an empty cell");
    }

    @Test
    @TestSecurity(user = "csvx-other", augmentors = MembershipAugmentor.class)
    void anotherTenantsRowsNeverAppearEvenUnderTheSameCampaignId() throws IOException {
        // b's own campaign with a's id: only b's three rows, never a's seventy
        List<CSVRecord> twin = parse(export(a.campaignId(), ""));
        assertEquals(3, twin.size());
        assertTrue(twin.stream().allMatch(r -> r.get("recipient").startsWith("leak-")));
        assertEquals(3, parse(export(a.campaignId(), "type=soft&investigate=1&domain=gmail.com&reason=quota")).size());
        assertEquals(4, parse(export(b.campaignId(), "")).size());
    }
}
