package app.rebound.insight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which receiving provider runs a registrable domain's mail, from the data file {@code insight/receiving-providers.tsv}
 * (each line says where it comes from). Plain Java, no framework: unit-tested on its own.
 */
public final class ReceivingProvider {
    private static final Map<String, String> EXACT = new HashMap<>();
    private static final Map<String, String> BY_LABEL = new HashMap<>();

    static {
        try (InputStream in = ReceivingProvider.class.getResourceAsStream("/insight/receiving-providers.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3 || f[2].isBlank()) {
                    throw new IllegalStateException("receiving-providers.tsv: pattern, provider and origin expected: " + line);
                }
                if (f[0].endsWith(".*")) {
                    BY_LABEL.put(f[0].substring(0, f[0].length() - 2), f[1]);
                } else {
                    EXACT.put(f[0], f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ReceivingProvider() {
    }

    /** The provider of a registrable domain ({@code hotmail.co.uk} → Microsoft consumer), if listed. */
    public static Optional<String> of(String registrableDomain) {
        if (registrableDomain == null) {
            return Optional.empty();
        }
        String exact = EXACT.get(registrableDomain);
        if (exact != null) {
            return Optional.of(exact);
        }
        int dot = registrableDomain.indexOf('.');
        return dot > 0 ? Optional.ofNullable(BY_LABEL.get(registrableDomain.substring(0, dot))) : Optional.empty();
    }

    /** The group a domain falls in: its provider when grouping by provider and it is listed, else the domain. */
    public static String groupOf(String registrableDomain, boolean byProvider) {
        return byProvider ? of(registrableDomain).orElse(registrableDomain) : registrableDomain;
    }
}
