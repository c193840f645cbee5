package app.rebound.bounce.web;

import app.rebound.engine.BounceType;
import app.rebound.engine.Fault;
import app.rebound.engine.Outcome;
import java.util.Locale;
import io.quarkus.qute.TemplateExtension;

/** Words for the engine's enums on pages (the engine itself stays free of presentation). */
@TemplateExtension
public class EngineTemplateExtensions {
    static String label(Outcome outcome) {
        return switch (outcome) {
            case BOUNCE -> "Bounce";
            case DELAYED -> "Delay warning (still being retried)";
            case COMPLAINT -> "Complaint / feedback report";
            case AUTO_REPLY -> "Auto-reply (not a bounce)";
            case DELIVERED -> "Delivery report";
            case NOT_A_BOUNCE -> "Not a bounce";
            case UNPARSEABLE -> "Could not be read";
        };
    }

    /** The stored code ({@code hard}, {@code auto_reply}): also the chip's CSS class. */
    static String code(BounceType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    static String label(BounceType type) {
        return switch (type) {
            case HARD -> "Hard";
            case SOFT -> "Soft";
            case COMPLAINT -> "Complaint";
            case AUTO_REPLY -> "Auto-reply";
            case DELIVERED -> "Delivered";
            case UNDETERMINED -> "Undetermined";
        };
    }

    /** Fault as a word: recipient, sender, receiver system, network, unknown. */
    static String code(Fault fault) {
        return fault.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
