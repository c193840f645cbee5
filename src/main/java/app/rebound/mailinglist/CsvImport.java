package app.rebound.mailinglist;

import app.rebound.subscriber.Subscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV import of subscribers into a list (Apache Commons CSV). The file needs a header row with an {@code email}
 * column (other columns are ignored). Every row is checked first: with any bad row nothing is imported and every
 * bad row is reported with its line; otherwise all new addresses are added in one transaction and recorded as a
 * batch. Addresses already on the list (or twice in the file) are counted, not added again.
 */
@ApplicationScoped
public class CsvImport {
    public static final int MAX_ROWS = 100_000;
    public static final int MAX_REPORTED = 100;

    public record BadRow(long line, String value, String why) {
    }

    public record Result(ImportBatch batch, List<BadRow> badRows, boolean tooManyBad, String error) {
        public boolean ok() {
            return batch != null;
        }
    }

    /** Where a running import is: rows checked, then addresses added (read by the progress page). */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void checked(long rows) {
        }

        default void adding(long added, long of) {
        }
    }

    @Transactional
    public Result importInto(long listId, String fileName, Reader csv, Instant now) throws IOException {
        return importInto(listId, fileName, csv, now, Progress.NONE);
    }

    @Transactional
    public Result importInto(long listId, String fileName, Reader csv, Instant now, Progress progress) throws IOException {
        MailingList list = MailingList.findById(listId);
        if (list == null) {
            throw new NotFoundException("No such list.");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setIgnoreHeaderCase(true).get();
        Set<String> emails = new LinkedHashSet<>();
        List<BadRow> bad = new ArrayList<>();
        int badCount = 0;
        int rows = 0;
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("email"))) {
                return new Result(null, List.of(), false, "The first row must be a header with an \"email\" column.");
            }
            for (CSVRecord r : parser) {
                rows++;
                if (rows % 500 == 0) {
                    progress.checked(rows);
                }
                if (rows > MAX_ROWS) {
                    return new Result(null, List.of(), false,
                            "Too many rows: at most %,d per import; split the file.".formatted(MAX_ROWS));
                }
                String raw = r.isMapped("email") ? r.get("email") : null;
                String why = problem(raw);
                if (why != null) {
                    badCount++;
                    if (bad.size() < MAX_REPORTED) {
                        bad.add(new BadRow(r.getParser().getCurrentLineNumber(), raw == null ? "" : abbreviate(raw), why));
                    }
                    continue;
                }
                emails.add(raw.toLowerCase(Locale.ROOT));
            }
        } catch (java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return new Result(null, List.of(), false, "The file is not valid CSV: " + abbreviate(String.valueOf(e.getMessage())));
        }
        if (rows == 0) {
            return new Result(null, List.of(), false, "The file holds no rows below its header.");
        }
        if (badCount > 0) {
            return new Result(null, bad, badCount > bad.size(), "%d bad row%s: nothing was imported.".formatted(badCount,
                    badCount == 1 ? "" : "s"));
        }
        Set<String> existing = new HashSet<>(Subscriber.getEntityManager()
                .createQuery("select s.email from Subscriber s where s.list.id = :l", String.class)
                .setParameter("l", listId).getResultList());
        ImportBatch batch = new ImportBatch();
        batch.listId = listId;
        batch.fileName = fileName == null || fileName.isBlank() ? "upload.csv" : abbreviate(fileName);
        batch.rowsRead = rows;
        batch.createdAt = now;
        batch.persist();
        progress.checked(rows);
        int added = 0;
        int seen = 0;
        for (String email : emails) {
            if (++seen % 500 == 0) {
                progress.adding(seen, emails.size());
            }
            if (existing.contains(email)) {
                continue;
            }
            Subscriber s = new Subscriber();
            s.list = list;
            s.email = email;
            s.createdAt = now;
            s.statusChangedAt = now;
            s.persist();
            ImportBatchMember m = new ImportBatchMember();
            m.batchId = batch.id;
            m.subscriberId = s.id;
            m.persist();
            added++;
        }
        batch.imported = added;
        batch.alreadyListed = rows - added;
        return new Result(batch, List.of(), false, null);
    }

    /** Why the value is not an importable address, or null. */
    static String problem(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "no email";
        }
        if (raw.length() > 320) {
            return "longer than 320 characters";
        }
        try {
            InternetAddress a = new InternetAddress(raw, true);
            a.validate();
            if (!raw.equals(a.getAddress()) || a.getPersonal() != null) {
                return "not a bare address";
            }
        } catch (AddressException e) {
            return "not an email address";
        }
        int at = raw.lastIndexOf('@');
        if (at < 1 || raw.indexOf('.', at) < 0) {
            return "not an email address with a domain";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
