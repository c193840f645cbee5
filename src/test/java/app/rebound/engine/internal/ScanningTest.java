package app.rebound.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine's hand-tuned scanners (word-wise byte search, anchored case-insensitive search, the phrase
 * automaton, the HTML stripper, header blocks) checked against plain, obviously-correct versions on seeded random
 * inputs, plus the cases that matter for mail.
 */
class ScanningTest {
    private static final long SEED = 20261128L;

    // ---------------------------------------------------------------- mbox splitting and line endings

    @Test
    void singleMessageWithoutCrIsReturnedAsIs() {
        byte[] m = "From: a@b.example\nSubject: x\n\nbody with From in it\nFrom the desk of\n".getBytes(
                StandardCharsets.US_ASCII);
        List<byte[]> out = MailReader.splitMbox(m, 100);
        assertEquals(1, out.size());
        assertSame(m, out.get(0));
    }

    @Test
    void mboxIsSplitOnFromLinesAfterBlankLinesWhateverTheLineEndings() {
        String mbox = "From MAILER-DAEMON Thu Jul  2 12:05:05 2020\nSubject: one\n\nbody 1\n\n"
                + "From MAILER-DAEMON Thu Jul  2 12:06:05 2020\nSubject: two\n\nbody 2\n";
        for (String eol : new String[] {"\n", "\r\n", "\r"}) {
            List<byte[]> out = MailReader.splitMbox(mbox.replace("\n", eol).getBytes(StandardCharsets.US_ASCII), 100);
            assertEquals(2, out.size(), "line ending " + eol.replace("\r", "CR").replace("\n", "LF"));
            assertEquals("Subject: one\n\nbody 1\n", new String(out.get(0), StandardCharsets.US_ASCII));
            assertEquals("Subject: two\n\nbody 2\n", new String(out.get(1), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void fromLineAfterTextIsNotASeparatorUnlessItLooksLikeAnEnvelope() {
        byte[] m = "Subject: x\n\nline\nFrom here on, nothing\nend\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, MailReader.splitMbox(m, 100).size());
        assertEquals(2, MailReader.splitMbox(("Subject: x\n\nline\nFrom a@b.example Thu Jul  2 12:05:05 2020\n"
                + "Subject: y\n\nz\n").getBytes(StandardCharsets.US_ASCII), 100).size());
    }

    @Test
    void firstCrOrFromLineAgreesWithAPlainLoop() {
        Random rnd = new Random(SEED);
        byte[] alphabet = "\r\n\nFFrom abc ".getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < 20_000; round++) {
            byte[] d = new byte[rnd.nextInt(40)];
            for (int i = 0; i < d.length; i++) {
                d[i] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
            }
            assertEquals(plainFirstCrOrFromLine(d), MailReader.firstCrOrFromLine(d), () -> new String(d,
                    StandardCharsets.ISO_8859_1));
        }
    }

    private static int plainFirstCrOrFromLine(byte[] d) {
        for (int i = 0; i < d.length; i++) {
            if (d[i] == '\r' || d[i] == '\n' && new String(d, i + 1, Math.min(5, d.length - i - 1),
                    StandardCharsets.ISO_8859_1).equals("From ")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void lineEndingsAreNormalised() {
        assertArrayEquals("a\nb\n\nc\n".getBytes(StandardCharsets.US_ASCII),
                MailReader.normaliseLineEndings("a\r\nb\r\rc\n".getBytes(StandardCharsets.US_ASCII)));
    }

    // ---------------------------------------------------------------- case-insensitive search

    @Test
    void indexOfIgnoreCaseAgreesWithLowerCaseIndexOf() {
        Random rnd = new Random(SEED);
        String alphabet = "aAbB@-.: \n1xX";
        for (int round = 0; round < 50_000; round++) {
            String hay = random(rnd, alphabet, rnd.nextInt(30));
            String needle = random(rnd, alphabet, 1 + rnd.nextInt(4)).toLowerCase();
            int from = rnd.nextInt(5);
            assertEquals(hay.toLowerCase().indexOf(needle, from), Text.indexOfIgnoreCase(hay, needle, from),
                    () -> "'" + needle + "' in '" + hay + "' from " + from);
        }
        assertEquals(14, Text.indexOfIgnoreCase("Delivery to: <USER@Example.COM> failed", "user@example.com", 0));
        assertEquals(4, Text.indexOfIgnoreCase("text\nFINAL-RECIPIENT: rfc822; a@b", "\nfinal-recipient:", 0));
        assertEquals(-1, Text.indexOfIgnoreCase("text\nFINAL-RECIPIENT rfc822", "\nfinal-recipient:", 0));
    }

    private static String random(Random rnd, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- the phrase automaton

    @Test
    void automatonFindsExactlyThePhrasesTheTextContains() {
        Random rnd = new Random(SEED);
        String alphabet = "abcab ._\u00e9\u00c9\u30c7";
        for (int round = 0; round < 200; round++) {
            List<String> phrases = new ArrayList<>();
            for (int i = 0; i < 1 + rnd.nextInt(60); i++) {
                String p = random(rnd, alphabet, 1 + rnd.nextInt(6)).toLowerCase();
                if (!phrases.contains(p)) {
                    phrases.add(p);
                }
            }
            Automaton a = new Automaton(phrases);
            for (int t = 0; t < 20; t++) {
                String text = random(rnd, alphabet + "ABC", rnd.nextInt(50));
                String folded = fold(text);
                long[] hits = a.scan(text);
                for (int id = 0; id < phrases.size(); id++) {
                    assertEquals(folded.contains(phrases.get(id)), Automaton.has(hits, id),
                            "phrase '" + phrases.get(id) + "' in '" + text + "'");
                }
            }
        }
    }

    private static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(Automaton.fold(s.charAt(i)));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- HTML and header blocks

    @Test
    void htmlIsStrippedToText() {
        assertEquals("\nHello & goodbye <x> \u00a0&bogus; a < b\nnext",
                Text.stripHtml("<p class=\"a\">Hello &amp; goodbye &lt;x&gt; \u00a0&bogus; a < b<br/>next"));
        assertEquals("tail ", Text.stripHtml("tail <span unclosed"));
        assertEquals("'\"", Text.stripHtml("&#39;&quot;"));
        assertEquals("&".repeat(100_000), Text.stripHtml("&".repeat(100_000)));
    }

    @Test
    void returnedOriginalKeepsIdentityFieldsAndDropsTraceFields() {
        String block = "Received: from a.example\n by b.example with ESMTP\n\tid 123\n"
                + "DKIM-Signature: v=1; a=rsa-sha256;\n b=abc\nFrom: News <news@shop.example>\n"
                + "X-Rebound-Campaign: 42\nMessage-ID:\n <m1@shop.example>\n\nbody: not a header\n";
        Headers h = Headers.parseOriginal(block, 0, 100);
        assertEquals(3, h.size());
        assertEquals("News <news@shop.example>", h.get("from"));
        assertEquals("42", h.get("x-rebound-campaign"));
        assertEquals("<m1@shop.example>", h.get("message-id"));
        assertEquals("", h.get("received"));
        assertEquals(5, Headers.parseBlock(block, 0, 100).size());
    }

    // ---------------------------------------------------------------- reply codes

    @Test
    void exchangeHashReplyCodeIsReadButNoOtherHashNumber() {
        assertEquals(550, Text.findReplyCode("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"));
        assertEquals(552, Text.findReplyCode("mx1.example.net #552 5.2.2 mailbox full ##"));
        assertEquals(0, Text.findReplyCode("see ticket #550 for details"));
        assertEquals(0, Text.findReplyCode("AUP#550 5.1.1"));
        assertEquals(0, Text.findReplyCode("#550 4.1.1 class differs"));
    }
}
