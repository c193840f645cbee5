package app.rebound.ingest;

import app.rebound.engine.Verp;
import java.util.List;

/** What a parser may know about the tenant an input belongs to: its VERP keys, the active one first. */
public record ParseContext(String tenantId, List<Verp> verpKeys) {
    public ParseContext {
        verpKeys = List.copyOf(verpKeys);
    }
}
