package org.cscstats.attack.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** One printed position as the API gives it: a published number, or a withheld symbol (never both). */
public record ShownCell(BigDecimal value, String display, boolean suppressed) {

    public static ShownCell of(JsonNode n) {
        boolean suppressed = n.path("suppressed").asBoolean(false);
        BigDecimal value = n.hasNonNull("value") ? n.get("value").decimalValue() : null;
        return new ShownCell(suppressed ? null : value, n.path("display").asText(), suppressed || value == null);
    }
}
