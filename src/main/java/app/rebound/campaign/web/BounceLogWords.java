package app.rebound.campaign.web;

import app.rebound.bounce.Bounce;
import app.rebound.bounce.CodeMeaning;
import io.quarkus.qute.TemplateExtension;

/** Bounce-log helpers for templates. */
@TemplateExtension
public class BounceLogWords {
    private BounceLogWords() {
    }

    /** {@code {b.codeMeaning}}: the status code's meaning and what to do, or null without a code. */
    static CodeMeaning codeMeaning(Bounce b) {
        return CodeMeaning.of(b.statusCode);
    }
}
