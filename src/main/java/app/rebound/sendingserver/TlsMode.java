package app.rebound.sendingserver;

import java.util.Locale;

public enum TlsMode {
    NONE("None (plain text)"), STARTTLS("STARTTLS"), TLS("Implicit TLS");

    private final String label;

    TlsMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
