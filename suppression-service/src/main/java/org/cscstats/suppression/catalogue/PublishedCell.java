package org.cscstats.suppression.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One printed cell. A published cell has {@code value} (the published number, rounded where the policy rounds)
 * and {@code display}; a suppressed one has {@code suppressed = true} and {@code display} only, never a value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishedCell(BigDecimal value, String display, Boolean suppressed) {

    public PublishedCell {
        if (value != null && suppressed != null) {
            throw new IllegalArgumentException("a suppressed cell carries no value");
        }
    }

    public static PublishedCell shown(long value) {
        return new PublishedCell(BigDecimal.valueOf(value), Long.toString(value), null);
    }

    public static PublishedCell shown(BigDecimal value, String display) {
        return new PublishedCell(value, display, null);
    }

    public static PublishedCell withheld(String symbol) {
        return new PublishedCell(null, symbol, true);
    }

    /** A cell printed as text only, as in a table parsed from someone else's reply. */
    public static PublishedCell text(String display) {
        return new PublishedCell(null, display, null);
    }

    @JsonIgnore
    public boolean isSuppressed() {
        return Boolean.TRUE.equals(suppressed);
    }
}
