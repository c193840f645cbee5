package app.rebound.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** The DKIM DNS check against a small authoritative DNS server this test starts on a free UDP port (dnsjava Messages). */
class DkimCheckTest {
    static final String KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAx4kQ0b5vJwqVZ0cZx1k2n8Yb5p2sHq9vS5eZk3b0yq"
            + "lQe6yW8y3g2Vf3cJf4z8r3wq5u7Y0sT2d9mB1Xj6kQ7oP0aA==";
    /** name → TXT strings (one TXT record each); a name not here answers NXDOMAIN. */
    static final Map<String, List<List<String>>> ZONE = Map.of(
            "s1._domainkey.example.com.", List.of(List.of("v=DKIM1; k=rsa; p=" + KEY.substring(0, 60), KEY.substring(60))),
            "old._domainkey.example.com.", List.of(List.of("v=DKIM1; k=rsa; p=")),
            "spf._domainkey.example.com.", List.of(List.of("v=spf1 include:_spf.example.net ~all")),
            "two._domainkey.example.com.", List.of(List.of("v=DKIM1; p=" + KEY), List.of("v=DKIM1; p=" + KEY)),
            "empty._domainkey.example.com.", List.of());
    static final List<String> ASKED = new CopyOnWriteArrayList<>();
    static DatagramSocket socket;
    static DkimCheck check;

    @BeforeAll
    static void startDns() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(DkimCheckTest::serve, "test-dns");
        t.setDaemon(true);
        t.start();
        check = new DkimCheck(Optional.of("127.0.0.1:" + socket.getLocalPort()), Duration.ofSeconds(3));
    }

    @AfterAll
    static void stopDns() {
        socket.close();
    }

    static void serve() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Message q = new Message(Arrays.copyOf(p.getData(), p.getLength()));
                Record question = q.getQuestion();
                String name = question.getName().toString().toLowerCase();
                ASKED.add(name);
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setFlag(Flags.AA);
                r.addRecord(question, Section.QUESTION);
                List<List<String>> txts = ZONE.get(name);
                if (txts == null) {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    for (List<String> strings : txts) {
                        r.addRecord(new TXTRecord(Name.fromString(name), DClass.IN, 300, strings), Section.ANSWER);
                    }
                }
                byte[] out = r.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void aPublishedKeySplitOverTwoStringsParses() {
        DkimCheck.Result r = check.check("s1", "Example.com");
        assertEquals("s1._domainkey.example.com", r.name());
        assertTrue(ASKED.contains("s1._domainkey.example.com."), "asked the test server: " + ASKED);
        assertTrue(r.valid(), r.verdict());
        assertEquals(List.of("v=DKIM1; k=rsa; p=" + KEY), r.records(), "the strings of one TXT record are joined");
        assertEquals("DKIM1", r.tags().get("v"));
        assertEquals(KEY, r.tags().get("p"));
    }

    @Test
    void revokedMissingAndForeignRecordsAreNotKeys() {
        DkimCheck.Result revoked = check.check("old", "example.com");
        assertFalse(revoked.valid());
        assertTrue(revoked.verdict().contains("revoked"), revoked.verdict());

        DkimCheck.Result missing = check.check("nope", "example.com");
        assertFalse(missing.valid());
        assertTrue(missing.verdict().contains("NXDOMAIN"), missing.verdict());

        DkimCheck.Result spf = check.check("spf", "example.com");
        assertFalse(spf.valid());
        assertTrue(spf.verdict().contains("DKIM1"), spf.verdict());

        DkimCheck.Result two = check.check("two", "example.com");
        assertFalse(two.valid());
        assertTrue(two.verdict().contains("Several TXT records"), two.verdict());

        DkimCheck.Result empty = check.check("empty", "example.com");
        assertFalse(empty.valid());
        assertTrue(empty.verdict().contains("no TXT record"), empty.verdict());
    }

    @Test
    void badInputIsRefusedBeforeAnyLookup() {
        int before = ASKED.size();
        assertThrows(IllegalArgumentException.class, () -> check.check("", "example.com"));
        assertThrows(IllegalArgumentException.class, () -> check.check("s1;drop", "example.com"));
        assertThrows(IllegalArgumentException.class, () -> check.check("s1", "not a domain"));
        assertThrows(IllegalArgumentException.class, () -> check.check("s1", "localhost"));
        assertThrows(IllegalArgumentException.class, () -> check.check("s1", "a".repeat(250) + ".com"));
        assertEquals(before, ASKED.size(), "nothing was asked");
    }

    @Test
    void keyRecordRules() {
        assertTrue(DkimCheck.judge("n", List.of("p=" + KEY)).valid(), "v= is optional");
        assertFalse(DkimCheck.judge("n", List.of("k=rsa; v=DKIM1; p=" + KEY)).valid(), "v= must come first");
        assertFalse(DkimCheck.judge("n", List.of("v=DKIM1; k=dsa; p=" + KEY)).valid(), "unknown key type");
        assertFalse(DkimCheck.judge("n", List.of("v=DKIM1; p=not*base64")).valid());
        assertFalse(DkimCheck.judge("n", List.of("v=DKIM1; h=sha256")).valid(), "no p=");
        assertTrue(DkimCheck.judge("n", List.of("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")).valid());
    }
}
