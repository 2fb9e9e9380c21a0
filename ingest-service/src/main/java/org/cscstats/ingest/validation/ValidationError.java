package org.cscstats.ingest.validation;

/**
 * One broken rule of {@code docs/events.md} › Validation rules: the event's position (0-based array index or NDJSON line), the field
 * as a path ({@code child.ethnicity}, {@code factors[2]}; empty for the event as a whole) and what is wrong.
 * Messages never repeat the offending value, so they are safe to log.
 */
public record ValidationError(int index, String field, String message) {
}
