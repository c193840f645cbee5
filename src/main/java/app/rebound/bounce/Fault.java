package app.rebound.bounce;

import java.util.Locale;

/** Whose fault a failure is. Only {@link #RECIPIENT} faults can ever suppress a subscriber. */
public enum Fault {
    RECIPIENT, SENDER, RECEIVER, NETWORK, UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Fault fromCode(String code) {
        return Fault.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
