package app.rebound.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.rebound.testsupport.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InboxTest {
    @Inject
    Inbox inbox;
    @Inject
    Fixtures fixtures;

    private static InboundInput mail(String tenant, String key, String text) {
        return new InboundInput(tenant, InboundSource.API, key, "message/rfc822", text.getBytes(StandardCharsets.UTF_8),
                "api:test", null);
    }

    @Test
    void storesOnceAndAnswersDuplicatesWithTheSameId() {
        String t = fixtures.aTenant("inbox");
        Receipt first = inbox.accept(mail(t, "<m1@x>", "Subject: a\r\n\r\nbody"));
        Receipt again = inbox.accept(mail(t, "<m1@x>", "Subject: a\r\n\r\nbody"));
        Receipt other = inbox.accept(mail(t, "<m2@x>", "Subject: a\r\n\r\nbody"));
        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(first.inboundId(), again.inboundId());
        assertFalse(other.duplicate());
        assertNotEquals(first.inboundId(), other.inboundId());
    }

    @Test
    void withoutAKeyTheBodyHashDedupes() {
        String t = fixtures.aTenant("inbox");
        Receipt a = inbox.accept(mail(t, null, "same"));
        Receipt b = inbox.accept(mail(t, " ", "same"));
        Receipt c = inbox.accept(mail(t, null, "different"));
        assertEquals(a.inboundId(), b.inboundId());
        assertTrue(b.duplicate());
        assertFalse(c.duplicate());
    }

    @Test
    void theSameKeyInAnotherTenantIsAnotherInput() {
        String t1 = fixtures.aTenant("inbox");
        String t2 = fixtures.aTenant("inbox");
        Receipt a = inbox.accept(mail(t1, "<same@x>", "x"));
        Receipt b = inbox.accept(mail(t2, "<same@x>", "x"));
        assertFalse(b.duplicate());
        assertNotEquals(a.inboundId(), b.inboundId());
    }

    @Test
    void refusesBadInputWithAClearMessage() {
        String t = fixtures.aTenant("inbox");
        assertEquals("empty input", assertThrows(InboundRejectedException.class, () -> inbox.accept(mail(t, null, ""))).getMessage());
        byte[] huge = new byte[10 * 1024 * 1024 + 1];
        InboundRejectedException big = assertThrows(InboundRejectedException.class,
                () -> inbox.accept(new InboundInput(t, InboundSource.API, null, "message/rfc822", huge, null, null)));
        assertTrue(big.getMessage().contains("exceeds the limit"), big.getMessage());
        InboundRejectedException type = assertThrows(InboundRejectedException.class,
                () -> inbox.accept(new InboundInput(t, InboundSource.API, null, "image/png", new byte[] {1}, null, null)));
        assertTrue(type.getMessage().contains("message/rfc822"), type.getMessage());
        InboundRejectedException tenant = assertThrows(InboundRejectedException.class,
                () -> inbox.accept(mail("no-such-tenant", null, "x")));
        assertEquals("unknown tenant: no-such-tenant", tenant.getMessage());
        InboundRejectedException server = assertThrows(InboundRejectedException.class,
                () -> inbox.accept(new InboundInput(t, InboundSource.IMAP, null, null, new byte[] {1}, null, 999999999L)));
        assertTrue(server.getMessage().startsWith("unknown sending server"), server.getMessage());
    }
}
