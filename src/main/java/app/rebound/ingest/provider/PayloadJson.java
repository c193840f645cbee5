package app.rebound.ingest.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads webhook JSON defensively: a size limit before parsing, bounded nesting, string and number lengths, and
 * duplicate keys refused (two parsers reading different values of one key is how signatures get bypassed).
 */
public final class PayloadJson {
    /** Largest payload accepted from any provider. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                    .maxStringLength(MAX_BYTES).maxNumberLength(40).build())
            .build());

    private PayloadJson() {
    }

    public static JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PayloadException("empty payload: a JSON document was expected");
        }
        if (body.length > MAX_BYTES) {
            throw new PayloadException("payload of " + body.length + " bytes exceeds the limit of " + MAX_BYTES + " bytes");
        }
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            JsonNode n = JSON.readTree(p);
            if (n == null || n.isMissingNode()) {
                throw new PayloadException("empty payload: a JSON document was expected");
            }
            if (p.nextToken() != null) {
                throw new PayloadException("not JSON: unexpected content after the JSON document");
            }
            return n;
        } catch (StreamConstraintsException e) {
            throw new PayloadException("JSON refused: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadException("not JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Parses a JSON document held in a string (SNS carries the SES notification as a string). */
    public static JsonNode read(String text, String what) {
        try {
            return read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (PayloadException e) {
            throw new PayloadException(what + ": " + e.getMessage());
        }
    }

    /** The object at {@code field}, or a missing node; a value of another type is an error. */
    public static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode n = parent.path(field);
        if (!n.isMissingNode() && !n.isNull() && !n.isObject()) {
            throw new PayloadException(where + "." + field + " must be an object");
        }
        return n;
    }

    /** The array at {@code field} (empty when absent); a value of another type is an error. */
    public static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return JSON.createArrayNode();
        }
        if (!n.isArray()) {
            throw new PayloadException(where + "." + field + " must be an array");
        }
        return n;
    }

    /** Text of a scalar field ("" when absent or null); objects and arrays are an error. */
    public static String text(JsonNode parent, String field, String where) {
        JsonNode n = parent.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (!n.isValueNode()) {
            throw new PayloadException(where + "." + field + " must be a string");
        }
        return n.asText();
    }

    /** Text of a field that must be present and non-blank. */
    public static String required(JsonNode parent, String field, String where) {
        String s = text(parent, field, where);
        if (s.isBlank()) {
            throw new PayloadException(where + "." + field + " is missing");
        }
        return s;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        String t = nl < 0 ? s : s.substring(0, nl);
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }
}
