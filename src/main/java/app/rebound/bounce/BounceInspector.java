package app.rebound.bounce;

import app.rebound.engine.AnalysisReport;
import app.rebound.engine.BounceAnalyzer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the bounce engine on a mail a person pasted or uploaded, for the inspector page. Nothing is stored:
 * the engine is pure and this service touches no database.
 */
@ApplicationScoped
public class BounceInspector {
    /** The largest mail the inspector takes; the engine's own limits apply inside it. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** How much of a pasted mail is echoed back into the text area. */
    private static final int ECHO_CHARS = 200_000;

    private final BounceAnalyzer analyzer = BounceAnalyzer.standard();

    /** The mail to inspect, and what to show back in the form. */
    public record Input(byte[] bytes, String showBack) {
    }

    public Input read(String pasted, Path uploaded) {
        if (uploaded != null) {
            try {
                long size = Files.size(uploaded);
                if (size > 0) {
                    if (size > MAX_BYTES) {
                        throw tooLarge();
                    }
                    try (InputStream in = Files.newInputStream(uploaded)) {
                        return new Input(in.readNBytes(MAX_BYTES), "");
                    }
                }
            } catch (IOException e) {
                throw new BadRequestException("The uploaded file could not be read.");
            }
        }
        if (pasted == null || pasted.isBlank()) {
            throw new BadRequestException("Paste a raw mail (headers and body) or choose a file to inspect.");
        }
        byte[] bytes = pasted.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return new Input(bytes, pasted.length() > ECHO_CHARS ? pasted.substring(0, ECHO_CHARS) : pasted);
    }

    /** One report per message (an mbox file may hold several). */
    public List<AnalysisReport> inspect(Input input) {
        return analyzer.analyzeAll(input.bytes());
    }

    private static WebApplicationException tooLarge() {
        return new WebApplicationException("The mail is larger than " + MAX_BYTES / (1024 * 1024)
                + " MiB; the inspector takes one bounce at a time.", Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }
}
