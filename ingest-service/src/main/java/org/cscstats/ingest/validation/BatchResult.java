package org.cscstats.ingest.validation;

import java.util.List;
import org.cscstats.contract.CaseEvent;

/**
 * A validated batch. {@code events}: the valid events, each (la, childId, id) once, in body order, identifiers
 * still in clear. {@code received}: events in the body (blank NDJSON lines not counted). {@code duplicates}:
 * identical repeats within the body, dropped. {@code tooMany}: the body held more than the limit and reading
 * stopped there (the REST layer may answer 413 or 400 for it). A batch is publishable only when
 * {@link #valid()}; then {@code events.size() + duplicates == received}.
 */
public record BatchResult(List<CaseEvent> events, List<ValidationError> errors, int received, int duplicates,
        boolean tooMany) {

    public BatchResult {
        events = List.copyOf(events);
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
