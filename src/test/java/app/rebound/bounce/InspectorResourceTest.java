package app.rebound.bounce;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.rebound.tenant.MembershipAugmentor;
import app.rebound.testsupport.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InspectorResourceTest {
    static final String GMAIL_BOUNCE = String.join("\r\n",
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

    static boolean ready;

    @Inject
    Fixtures fixtures;

    @BeforeEach
    void members() {
        if (!ready) {
            fixtures.aTenant("insp"); // members insp-admin, insp-support, insp-marketer
            ready = true;
        }
    }

    @Test
    @TestSecurity(user = "insp-support", augmentors = MembershipAugmentor.class)
    void supportSeesTheVerdictAndNothingIsStored() {
        long before = QuarkusTransaction.requiringNew().call(() -> Bounce.count());
        String csrf = given().get("/inspector").then().statusCode(200).extract().cookie("rebound-csrf");
        given().cookie("rebound-csrf", csrf).header("X-CSRF-TOKEN", csrf).header("HX-Request", "true")
                .multiPart("raw", GMAIL_BOUNCE)
                .post("/inspector").then().statusCode(200)
                .body(containsString("ghost.user@gmail.com"))
                .body(containsString("userunknown"))
                .body(containsString("suppress the address"))
                .body(containsString("<code>5.1.1</code>"))
                .body(not(containsString("<script>alert(1)</script>")))
                .body(containsString("&lt;script&gt;"));
        assertEquals(before, (long) QuarkusTransaction.requiringNew().call(() -> Bounce.count()));
    }

    @Test
    @TestSecurity(user = "insp-support", augmentors = MembershipAugmentor.class)
    void uploadWorksAndEmptyOrHugeInputIsRefusedClearly() {
        String csrf = given().get("/inspector").then().statusCode(200).extract().cookie("rebound-csrf");
        given().cookie("rebound-csrf", csrf).header("X-CSRF-TOKEN", csrf)
                .multiPart("file", "bounce.eml", GMAIL_BOUNCE.getBytes(StandardCharsets.UTF_8), "message/rfc822")
                .post("/inspector").then().statusCode(200).body(containsString("userunknown"));
        given().cookie("rebound-csrf", csrf).header("X-CSRF-TOKEN", csrf).multiPart("raw", "")
                .post("/inspector").then().statusCode(400).body(containsString("Paste a raw mail"));
        given().cookie("rebound-csrf", csrf).header("X-CSRF-TOKEN", csrf)
                .multiPart("file", "huge.eml", new byte[BounceInspector.MAX_BYTES + 10], "message/rfc822")
                .post("/inspector").then().statusCode(413).body(containsString("larger than"));
        given().cookie("rebound-csrf", csrf).header("X-CSRF-TOKEN", csrf)
                .multiPart("raw", "\u0000\u0001 not a mail at all \uFFFD")
                .post("/inspector").then().statusCode(200).body(containsString("Inspection result"));
    }

    @Test
    @TestSecurity(user = "insp-marketer", augmentors = MembershipAugmentor.class)
    void marketersMayNotUseIt() {
        given().get("/inspector").then().statusCode(403);
    }
}
