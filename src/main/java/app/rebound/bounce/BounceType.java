package app.rebound.bounce;

import java.util.Locale;

/** What a bounce record says happened to one recipient, as the bounce log shows it. */
public enum BounceType {
    HARD("Hard"), SOFT("Soft"), COMPLAINT("Complaint"), AUTO_REPLY("Auto-reply"), DELIVERED("Delivered"),
    UNDETERMINED("Undetermined");

    private final String label;

    BounceType(String label) {
        this.label = label;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static BounceType fromCode(String code) {
        return BounceType.valueOf(code.toUpperCase(Locale.ROOT));
    }
}
