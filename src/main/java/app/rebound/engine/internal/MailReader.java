package app.rebound.engine.internal;

import app.rebound.engine.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.DefaultFieldBuilder;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Reads one RFC 5322 message with mime4j's pull parser (no DOM): the report's own headers, the decoded text of
 * its leaf parts, and the header of the returned original. Bodies inside the returned original are skipped.
 */
public final class MailReader {
    /** How every error that is a defect of the engine, not of the input, starts in {@code errors()}. */
    public static final String INTERNAL_ERROR = "internal error";

    private static final ConcurrentHashMap<String, Charset> CHARSETS = new ConcurrentHashMap<>();
    private static final Charset NONE = StandardCharsets.ISO_8859_1;

    private final Limits limits;
    private final MimeConfig config;

    public MailReader(Limits limits) {
        this.limits = limits;
        this.config = new MimeConfig.Builder()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderCount(limits.maxHeaderCount())
                .setMaxHeaderLen(Math.max(10_000, limits.maxLineLength()))
                .setMaxContentLen(-1)
                .setMalformedHeaderStartsBody(true)
                .build();
    }

    /** Splits an mbox into messages and normalises line endings to LF. */
    public static List<byte[]> splitMbox(byte[] raw, int maxMessages) {
        java.util.ArrayList<byte[]> out = new java.util.ArrayList<>();
        // Does the input need line-ending normalisation, and can it hold more than one message? A "From " line
        // after a CR counts too: the CR becomes a line end. Both checks run word-wise (see indexOfByte).
        // One word-wise pass finds the first CR or LF-"From " line, whichever comes first; most mail has neither.
        boolean fromLine = startsWithFromLine(raw, 0);
        int event = firstCrOrFromLine(raw);
        byte[] data = raw;
        if (event >= 0 && raw[event] == '\r') {
            data = normaliseLineEndings(raw, event);
            fromLine = fromLine || nextFromLine(data, 0) >= 0;
        } else if (event >= 0) {
            fromLine = true;
            int firstCr = indexOfByte(raw, (byte) '\r', event);
            data = firstCr < 0 ? raw : normaliseLineEndings(raw, firstCr);
        }
        if (!fromLine) {
            out.add(data);
            return out;
        }
        int start = 0;
        int n = data.length;
        if (startsWithFromLine(data, 0)) {
            int e = indexOfByte(data, (byte) '\n', 0);
            start = e < 0 ? n : e + 1;
        }
        int i = start;
        while (i < n) {
            // the next line end followed by a "From " line; no other line matters
            int nl = nextFromLine(data, i);
            if (nl < 0) {
                break;
            }
            // A "From " line after a blank line starts a new message.
            if ((nl > 0 && data[nl - 1] == '\n' || looksLikeFromLine(data, nl + 1)) && out.size() < maxMessages - 1) {
                out.add(java.util.Arrays.copyOfRange(data, start, nl));
                int e = indexOfByte(data, (byte) '\n', nl + 1);
                start = e < 0 ? n : e + 1;
                i = start;
                continue;
            }
            i = nl + 1;
        }
        if (start < n || out.isEmpty()) {
            out.add(start == 0 ? data : java.util.Arrays.copyOfRange(data, start, n));
        }
        return out;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * First index of {@code b} at or after {@code from}, or -1. Eight bytes per step: the lowest byte flagged by
     * the zero-byte test is always a true match (false positives can only sit above a true one).
     */
    static int indexOfByte(byte[] d, byte b, int from) {
        long pattern = (b & 0xFFL) * ONES;
        int n = d.length;
        int i = Math.max(0, from);
        for (; i + 8 <= n; i += 8) {
            long x = (long) LONGS.get(d, i) ^ pattern;
            long m = (x - ONES) & ~x & HIGHS;
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        for (; i < n; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /** The high bit of every zero byte of {@code v}, and no other bit (exact, unlike the borrow trick). */
    private static long zeroBytes(long v) {
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }

    /** Index of the first CR, or of the first LF directly followed by "From ", whichever comes first; else -1. */
    static int firstCrOrFromLine(byte[] d) {
        final long crs = '\r' * ONES;
        final long lfs = '\n' * ONES;
        final long fs = 'F' * ONES;
        int n = d.length;
        int i = 0;
        for (; i + 9 <= n; i += 8) {
            long x = (long) LONGS.get(d, i);
            long y = (long) LONGS.get(d, i + 1);
            long m = zeroBytes(x ^ crs) | zeroBytes(x ^ lfs) & zeroBytes(y ^ fs);
            while (m != 0) {
                int j = i + (Long.numberOfTrailingZeros(m) >>> 3);
                if (d[j] == '\r' || startsWithFromLine(d, j + 1)) {
                    return j;
                }
                m &= m - 1;
            }
        }
        for (; i < n; i++) {
            if (d[i] == '\r' || d[i] == '\n' && startsWithFromLine(d, i + 1)) {
                return i;
            }
        }
        return -1;
    }

    /** Index (at or after {@code from}) of a LF directly followed by "From ", or -1. */
    private static int nextFromLine(byte[] d, int from) {
        int f = from;
        while (true) {
            f = indexOfByte(d, (byte) 'F', f + 1);
            if (f < 0) {
                return -1;
            }
            if (d[f - 1] == '\n' && startsWithFromLine(d, f)) {
                return f - 1;
            }
        }
    }

    private static boolean startsWithFromLine(byte[] d, int i) {
        return i + 5 <= d.length && d[i] == 'F' && d[i + 1] == 'r' && d[i + 2] == 'o' && d[i + 3] == 'm'
                && d[i + 4] == ' ';
    }

    /** "From sender@host  Thu Jul  2 12:05:05 2020": a time and a trailing four-digit year. */
    private static boolean looksLikeFromLine(byte[] d, int i) {
        int e = indexOfByte(d, (byte) '\n', i);
        if (e < 0) {
            e = d.length;
        }
        if (e - i > 200 || e - i < 20) {
            return false;
        }
        String line = new String(d, i, e - i, StandardCharsets.ISO_8859_1).trim();
        int n = line.length();
        if (n < 20 || !Character.isDigit(line.charAt(n - 1)) || !Character.isDigit(line.charAt(n - 4))
                || line.charAt(n - 5) != ' ') {
            return false;
        }
        int colon = line.indexOf(':', 5);
        return colon > 2 && Character.isDigit(line.charAt(colon - 1)) && Character.isDigit(line.charAt(colon + 1));
    }

    /** CRLF and bare CR become LF. Returns the input itself when it has no CR. */
    public static byte[] normaliseLineEndings(byte[] raw) {
        int cr = indexOfByte(raw, (byte) '\r', 0);
        return cr < 0 ? raw : normaliseLineEndings(raw, cr);
    }

    /** As above, {@code firstCr} being the index of the first CR; the runs between CRs are block copies. */
    private static byte[] normaliseLineEndings(byte[] raw, int firstCr) {
        int n = raw.length;
        byte[] out = new byte[n];
        System.arraycopy(raw, 0, out, 0, firstCr);
        int o = firstCr;
        int i = firstCr;
        while (i < n) {
            // raw[i] is a CR
            out[o++] = '\n';
            i++;
            if (i < n && raw[i] == '\n') {
                i++;
            }
            int next = indexOfByte(raw, (byte) '\r', i);
            int end = next < 0 ? n : next;
            System.arraycopy(raw, i, out, o, end - i);
            o += end - i;
            i = end;
        }
        return java.util.Arrays.copyOf(out, o);
    }

    public ParsedMail read(byte[] message) {
        ParsedMail mail = new ParsedMail();
        Scratch scratch = SCRATCH.get();
        MimeTokenStream ts = new MimeTokenStream(config, DecodeMonitor.SILENT, scratch.fieldBuilder(config), null);
        // The returned original is not parsed as a message: only its header block is read (below), which saves
        // parsing attachments and alternatives nobody looks at.
        ts.setRecursionMode(RecursionMode.M_NO_RECURSE);
        ts.parse(new ByteArrayInputStream(message));
        // parse() leaves the stream in T_START_MESSAGE of the top message already
        int messageDepth = 1;
        boolean inMessageHeader = true;
        int parts = 0;
        int entities = 0;
        boolean originalDone = false;
        Headers originalBeingRead = null;
        try {
            for (EntityState st = ts.next(); st != EntityState.T_END_OF_STREAM; st = ts.next()) {
                if (++entities > limits.maxParts() * 4 + 50) {
                    mail.errors.add("too many MIME entities; rest ignored");
                    break;
                }
                switch (st) {
                    case T_START_MESSAGE -> {
                        messageDepth++;
                        inMessageHeader = true;
                        if (messageDepth > limits.maxDepth()) {
                            mail.errors.add("MIME nesting deeper than " + limits.maxDepth() + "; rest ignored");
                            return mail;
                        }
                        if (messageDepth == 2 && !originalDone) {
                            originalBeingRead = new Headers();
                        }
                    }
                    case T_END_MESSAGE -> messageDepth--;
                    case T_FIELD -> {
                        if (inMessageHeader) {
                            Field f = ts.getField();
                            if (Headers.isTrace(f.getName())) {
                                continue;
                            }
                            if (messageDepth == 1) {
                                mail.head.add(f.getName(), f.getBody());
                            } else if (messageDepth == 2 && originalBeingRead != null) {
                                originalBeingRead.add(f.getName(), f.getBody());
                            }
                        }
                    }
                    case T_END_HEADER -> {
                        if (inMessageHeader && messageDepth == 1) {
                            String ct = mail.head.get("content-type");
                            int semi = ct.indexOf(';');
                            mail.topMimeType = lowerOr((semi < 0 ? ct : ct.substring(0, semi)).trim(), "text/plain");
                            int rt = Text.lower(ct).indexOf("report-type=");
                            if (rt >= 0) {
                                mail.topReportType = param(Text.lower(ct), rt + 12);
                            }
                        }
                        if (inMessageHeader && messageDepth == 2 && originalBeingRead != null) {
                            mail.original = originalBeingRead;
                            originalBeingRead = null;
                            originalDone = true;
                        }
                        inMessageHeader = false;
                    }
                    case T_PREAMBLE, T_EPILOGUE -> {
                        // Broken multiparts (boundary never used) carry the whole report here.
                        if (messageDepth == 1 && mail.parts.size() < limits.maxParts()) {
                            String text = decode(ts.getInputStream(), null, limits.maxTextChars(), scratch);
                            if (text.length() > 200) {
                                mail.parts.add(new Part("text/plain", text));
                            }
                        }
                    }
                    case T_BODY -> {
                        if (messageDepth != 1) {
                            continue;
                        }
                        if (++parts > limits.maxParts()) {
                            mail.errors.add("more than " + limits.maxParts() + " parts; rest ignored");
                            return mail;
                        }
                        BodyDescriptor bd = ts.getBodyDescriptor();
                        String type = lowerOr(bd.getMimeType(), "text/plain");
                        if (!interesting(type) || type.equals("text/html") && hasPlainText(mail)) {
                            continue;
                        }
                        if (type.equals("message/rfc822")) {
                            if (mail.original == null) {
                                InputStream in = ts.getDecodedInputStream();
                                String head = readHeaderBlock(in, 32 * 1024, scratch);
                                mail.original = Headers.parseOriginal(head, 0, limits.maxHeaderCount());
                                if (isDeliveryReport(mail.original)) {
                                    mail.enclosedReport = readRest(in, scratch, limits.maxMessageBytes());
                                }
                                if (!mail.parts.isEmpty()) {
                                    // The returned original closes a report; nothing after it is read, which
                                    // spares scanning large attachments for the closing boundary.
                                    return mail;
                                }
                            }
                            continue;
                        }
                        String text = decode(ts.getDecodedInputStream(), bd.getCharset(), limits.maxTextChars(), scratch);
                        if (type.equals("text/html")) {
                            text = Text.stripHtml(text);
                        }
                        Part p = new Part(type, text);
                        mail.parts.add(p);
                        if (p.isReturnedHeaders() && mail.original == null) {
                            mail.original = Headers.parseOriginal(text, 0, limits.maxHeaderCount());
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (MimeException | IOException e) {
            mail.errors.add("MIME structure broken: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Text.clip(e.getMessage(), 200)));
        } catch (RuntimeException e) {
            // Thrown inside mime4j on a broken structure (e.g. its line buffer refusing an unread): the input's
            // fault as far as this engine can tell. Thrown anywhere else: a defect of the engine, said as such so
            // that tests catch it.
            boolean library = e.getStackTrace().length > 0
                    && e.getStackTrace()[0].getClassName().startsWith("org.apache.james.mime4j.");
            String what = library ? "MIME structure broken (parser gave up): " : INTERNAL_ERROR + " while reading MIME: ";
            mail.errors.add(what + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Text.clip(e.getMessage(), 200)));
        }
        return mail;
    }

    private static boolean hasPlainText(ParsedMail mail) {
        for (Part p : mail.parts) {
            if (p.mimeType().equals("text/plain") && !p.text().isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static String param(String ct, int from) {
        int i = from;
        if (i < ct.length() && ct.charAt(i) == '"') {
            i++;
        }
        int e = i;
        while (e < ct.length() && ct.charAt(e) != ';' && ct.charAt(e) != '"' && ct.charAt(e) > ' ') {
            e++;
        }
        return ct.substring(i, e);
    }

    private static boolean interesting(String type) {
        return switch (type) {
            case "text/plain", "text/html", "text/enriched", "text/rfc822-headers", "message/delivery-status",
                 "message/global-delivery-status", "message/feedback-report", "message/global-headers",
                 "message/global", "message/partial", "message/rfc822" -> true;
            default -> false;
        };
    }

    private static String lowerOr(String s, String dflt) {
        return s == null || s.isEmpty() ? dflt : s.toLowerCase(Locale.ROOT);
    }

    /** Whether a header block is that of a delivery status notification (RFC 3464 / RFC 6533). */
    static boolean isDeliveryReport(Headers h) {
        String ct = Text.lower(h.get("content-type"));
        return ct.startsWith("multipart/report") && ct.contains("delivery-status");
    }

    /**
     * The whole entity whose start {@link #readHeaderBlock} has just read into the scratch buffer: those bytes and
     * the rest of the stream, at most {@code max} bytes in all.
     */
    static byte[] readRest(InputStream in, Scratch scratch, int max) throws IOException {
        int n = Math.min(scratch.filled, max);
        byte[] rest = in.readNBytes(max - n);
        byte[] all = java.util.Arrays.copyOf(scratch.buf, n + rest.length);
        System.arraycopy(rest, 0, all, n, rest.length);
        return all;
    }

    /**
     * Reads up to the first blank line (the end of a header block), at most {@code max} bytes (at most 64 KiB).
     * Every byte read, possibly past the blank line, stays in {@code scratch.buf[0, scratch.filled)}.
     */
    static String readHeaderBlock(InputStream in, int max, Scratch scratch) throws IOException {
        if (max > Scratch.KEEP) {
            throw new IllegalArgumentException("header block limit above the scratch buffer's");
        }
        byte[] buf = scratch.buf;
        int n = 0;
        int scanned = 0;
        while (n < max) {
            if (n == buf.length) {
                buf = scratch.grow(buf, Math.min(max, buf.length * 2));
            }
            int r = in.read(buf, n, Math.min(max, buf.length) - n);
            if (r <= 0) {
                break;
            }
            n += r;
            for (int i = Math.max(1, scanned); i < n; i++) {
                if (buf[i] == '\n' && (buf[i - 1] == '\n' || buf[i - 1] == '\r' && i >= 2 && buf[i - 2] == '\n')) {
                    scratch.filled = n;
                    return new String(buf, 0, i, StandardCharsets.ISO_8859_1);
                }
            }
            scanned = n;
        }
        scratch.filled = n;
        return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Per-thread read buffer for part bodies and header blocks; buffers grown past 64 KiB are not kept. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static final class Scratch {
        static final int KEEP = 64 * 1024;
        byte[] buf = new byte[8192];
        /** Bytes of {@link #buf} the last {@link #readHeaderBlock} filled. */
        int filled;
        private DefaultFieldBuilder fields;
        private int fieldsMaxLen;

        /**
         * The field builder mime4j would create for this config, kept for the thread: it is reset before every
         * field, and building a field copies the bytes out, so one MimeTokenStream at a time can reuse it.
         */
        DefaultFieldBuilder fieldBuilder(MimeConfig config) {
            int max = config.getMaxHeaderLen();
            if (fields == null || fieldsMaxLen != max) {
                fields = new DefaultFieldBuilder(max);
                fieldsMaxLen = max;
            }
            return fields;
        }

        /** A copy of {@code cur} (this buffer or an earlier growth of it) enlarged to {@code size}. */
        byte[] grow(byte[] cur, int size) {
            byte[] b = java.util.Arrays.copyOf(cur, size);
            if (size <= KEEP) {
                buf = b;
            }
            return b;
        }
    }

    static String decode(InputStream in, String charset, int maxChars, Scratch scratch) throws IOException {
        // As in.readNBytes(maxChars), but into a reused buffer and without the final copy.
        byte[] buf = scratch.buf;
        int n = 0;
        while (n < maxChars) {
            if (n == buf.length) {
                buf = scratch.grow(buf, (int) Math.min(maxChars, 2L * buf.length));
            }
            int r = in.read(buf, n, Math.min(buf.length, maxChars) - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        Charset cs = charsetFor(charset);
        if (cs == NONE) {
            cs = hasHighBit(buf, n) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        } else if (cs.name().startsWith("ISO-2022") && hasHighBit(buf, n)) {
            // A 7-bit encoding cannot hold 8-bit bytes: the label is wrong. Japanese carriers send EUC-JP or
            // Shift_JIS labelled ISO-2022-JP; others send UTF-8.
            cs = firstThatDecodes(buf, n, StandardCharsets.UTF_8, EUC_JP, WINDOWS_31J);
        }
        return new String(buf, 0, n, cs);
    }

    private static final Charset EUC_JP = charsetFor("euc-jp");
    private static final Charset WINDOWS_31J = charsetFor("windows-31j");

    /** The first charset that decodes {@code b[0, n)} without a malformed or unmappable sequence, else the last. */
    private static Charset firstThatDecodes(byte[] b, int n, Charset... candidates) {
        for (Charset c : candidates) {
            try {
                c.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(b, 0, n));
                return c;
            } catch (java.nio.charset.CharacterCodingException e) {
                // try the next one
            }
        }
        return candidates[candidates.length - 1];
    }

    private static boolean hasHighBit(byte[] b, int n) {
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if (((long) LONGS.get(b, i) & HIGHS) != 0) {
                return true;
            }
        }
        for (; i < n; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    static Charset charsetFor(String name) {
        if (name == null || name.isEmpty()) {
            return NONE;
        }
        String key = name.toLowerCase(Locale.ROOT).trim();
        if (key.equals("us-ascii") || key.equals("ascii")) {
            return NONE;
        }
        return CHARSETS.computeIfAbsent(key.length() > 40 ? "?" : key, k -> {
            String alias = switch (k) {
                case "shift-jis", "sjis", "x-sjis", "ms932", "cp932", "windows-31j" -> "windows-31j";
                case "ks_c_5601-1987", "ks_c_5601" -> "EUC-KR";
                case "gb2312", "gbk", "x-gbk" -> "GBK";
                case "utf8" -> "UTF-8";
                case "iso-2022-jp", "iso-2022-jp-2", "csiso2022jp" -> "ISO-2022-JP";
                default -> k;
            };
            try {
                return Charset.forName(alias);
            } catch (RuntimeException e) {
                return NONE;
            }
        });
    }

    /** Decodes RFC 2047 encoded words, never throwing. */
    public static String decodeWords(String s) {
        if (s == null || s.indexOf("=?") < 0) {
            return s == null ? "" : s;
        }
        try {
            return DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return s;
        }
    }
}
