package org.cscstats.ingest.validation;

import java.util.List;
import org.cscstats.contract.CaseEvent;

/** The outcome of validating one event: the event (identifiers still in clear) when valid, else every error. */
public record Validation(CaseEvent event, List<ValidationError> errors) {

    public Validation {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
