package app.rebound.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The quarantine: inputs the pipeline could not parse or link, with why; an admin reprocesses or dismisses them. */
@ApplicationScoped
@Transactional
public class Quarantine {
    public static final int PAGE = 200;

    /** A stored input as shown: its raw text (UTF-8; undecodable bytes show as �) and where it stands. */
    public record RawView(InboundMessage message, String text, boolean truncated) {
    }

    public List<InboundMessage.Summary> list() {
        return InboundMessage.quarantined(PAGE);
    }

    public long count() {
        return InboundMessage.countQuarantined();
    }

    /** The stored input, or 404 (another tenant's input, or one past its retention, is invisible). */
    public RawView raw(long id) {
        InboundMessage m = InboundMessage.findById(id);
        if (m == null) {
            throw new NotFoundException("No stored input " + id + " in this organisation (it may be past its retention).");
        }
        int shown = Math.min(m.body.length, 1024 * 1024);
        return new RawView(m, new String(m.body, 0, shown, StandardCharsets.UTF_8), shown < m.body.length);
    }

    public boolean reprocess(long id) {
        return InboundMessage.reprocess(id);
    }

    public boolean dismiss(long id) {
        return InboundMessage.dismiss(id);
    }
}
