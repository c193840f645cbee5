package app.rebound.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streamed CSV downloads (commons-csv, RFC 4180): the rows are written batch by batch as they are read, so memory
 * stays constant whatever the size. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
 * leading apostrophe.
 */
public final class CsvExport {
    private CsvExport() {
    }

    /** Writes batches until one comes back empty; {@code next} gets the printer and returns the rows written. */
    public interface Batches {
        int writeNext(CSVPrinter out) throws IOException;
    }

    /** Writes every row as it comes; the output goes on whenever the 64 KiB buffer fills, and at the end. */
    public interface Rows {
        void writeAll(CSVPrinter out) throws IOException;
    }

    /** A download written batch by batch, each batch sent on as soon as it is written. */
    public static Response download(String filename, List<String> header, Batches batches) {
        return stream(filename, header, out -> {
            while (batches.writeNext(out) > 0) {
                out.flush();
            }
        });
    }

    /** A download written row by row. */
    public static Response stream(String filename, List<String> header, Rows rows) {
        StreamingOutput body = os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 64 * 1024);
            CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
            rows.writeAll(out);
            out.flush();
        };
        return Response.ok(body, new MediaType("text", "csv", "UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    /** The cell as text a spreadsheet will not evaluate. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "'" + s;
        }
        return s;
    }
}
