package app.rebound.ingest;

import java.util.List;

/**
 * CDI beans implementing this turn a stored input into events; the worker picks the bean whose
 * {@link #handles} is true. Mail sources are parsed with the engine; webhook sources by the providers' parsers.
 */
public interface InboundParser {
    boolean handles(InboundSource source);

    /** Throws {@link InboundParseException} (with a human message) for input that cannot be parsed. */
    List<ParsedEvent> parse(InboundSource source, byte[] body);

    /**
     * Parses with the tenant's context (its VERP keys, newest first, to verify return paths). The default ignores
     * the context; the mail parser uses it.
     */
    default List<ParsedEvent> parse(InboundSource source, byte[] body, ParseContext context) {
        return parse(source, body);
    }
}
