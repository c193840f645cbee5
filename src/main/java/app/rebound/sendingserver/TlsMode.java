package app.rebound.sendingserver;

import java.util.Locale;

public enum TlsMode {
    NONE, STARTTLS, TLS;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
