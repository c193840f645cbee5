package app.rebound.bounce.web;

import app.rebound.engine.Outcome;
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
}
