package app.rebound.bounce;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.testsupport.Fixtures;
import app.rebound.tenant.TenantRunner;
import app.rebound.web.Csrf;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
public class InspectorResourceTest {
    public static final String GMAIL_BOUNCE = String.join("\r\n",
            "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "To: bounce+acme@bounces.example.net",
            "Subject: Delivery Status Notification (Failure)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=UTF-8",
            "",
            "Address not found",
            "",
            "--b1",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; googlemail.com",
            "",
            "Final-Recipient: rfc822; ghost.user@gmail.com",
            "Action: failed",
            "Status: 5.1.1",
            "Remote-MTA: dns; gmail-smtp-in.l.google.com",
            "Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist. <script>alert(1)</script>",
            "",
            "--b1--",
            "");

    static String tenant;

    @Inject
    Fixtures fixtures;

    @Inject
    TenantRunner runner;

    @BeforeEach
    void members() {
        if (tenant == null) {
            tenant = fixtures.aTenant("insp"); // members insp-admin, insp-support, insp-marketer
            fixtures.aWorld(tenant, 3); // bounces exist, so "nothing stored" is counted where rows are
        }
    }

    private long bouncesOfTheInspectorsTenant() {
        return runner.inTenant(tenant, () -> Bounce.count());
    }

    private static RequestSpecification withToken() {
        Csrf.Pair p = Csrf.fromPage();
        return given().cookie(Csrf.COOKIE, p.cookie()).header(Csrf.HEADER, p.token());
    }

    @Test
    @TestSecurity(user = "insp-support", augmentors = MembershipAugmentor.class)
    void supportSeesTheVerdictAndNothingIsStored() {
        long before = bouncesOfTheInspectorsTenant();
        assertEquals(3, before, "the tenant has bounces to count");
        withToken().header("HX-Request", "true")
                .multiPart("raw", GMAIL_BOUNCE)
                .post("/inspector").then().statusCode(200)
                .body(containsString("ghost.user@gmail.com"))
                .body(containsString("userunknown"))
                .body(containsString("suppress the address"))
                .body(containsString("<code>5.1.1</code>"))
                .body(not(containsString("<script>alert(1)</script>")))
                .body(containsString("&lt;script&gt;"));
        assertEquals(before, bouncesOfTheInspectorsTenant());
    }

    /** Issue item 1: real bounces are bigger than the 2 KB form-field default; pastes take what uploads take. */
    @Test
    @TestSecurity(user = "insp-support", augmentors = MembershipAugmentor.class)
    void longPastesWork() {
        String big = GMAIL_BOUNCE.replace("Address not found", "Address not found\r\n" + "x".repeat(76).concat("\r\n").repeat(1_300));
        assertTrue(big.length() > 100_000, "a 100 KB paste: " + big.length());
        withToken().header("HX-Request", "true").multiPart("raw", big).post("/inspector").then().statusCode(200)
                .body(containsString("ghost.user@gmail.com")).body(containsString("userunknown"));
        withToken().contentType(ContentType.URLENC).formParam("raw", big).post("/inspector").then().statusCode(200)
                .body(containsString("userunknown"));
        String tooBig = "x".repeat(BounceInspector.MAX_BYTES + 10);
        withToken().multiPart("raw", tooBig).post("/inspector").then().statusCode(413).body(containsString("larger than"));
    }

    @Test
    @TestSecurity(user = "insp-support", augmentors = MembershipAugmentor.class)
    void uploadWorksAndEmptyOrHugeInputIsRefusedClearly() {
        withToken()
                .multiPart("file", "bounce.eml", GMAIL_BOUNCE.getBytes(StandardCharsets.UTF_8), "message/rfc822")
                .post("/inspector").then().statusCode(200).body(containsString("userunknown"));
        withToken().multiPart("raw", "")
                .post("/inspector").then().statusCode(400).body(containsString("Paste a raw mail"));
        withToken()
                .multiPart("file", "huge.eml", new byte[BounceInspector.MAX_BYTES + 10], "message/rfc822")
                .post("/inspector").then().statusCode(413).body(containsString("larger than"));
        withToken()
                .multiPart("raw", "\u0000\u0001 not a mail at all \uFFFD")
                .post("/inspector").then().statusCode(200).body(containsString("Inspection result"));
    }

    @Test
    @TestSecurity(user = "insp-marketer", augmentors = MembershipAugmentor.class)
    void marketersMayNotUseIt() {
        given().get("/inspector").then().statusCode(403);
    }
}
