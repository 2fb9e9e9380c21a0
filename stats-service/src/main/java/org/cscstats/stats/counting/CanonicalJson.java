package org.cscstats.stats.counting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Json;

/**
 * The canonical JSON of an event (contract mapper, null fields omitted, object keys sorted at every level), used
 * only to choose between conflicting versions of one event {@code id}: the version whose canonical JSON sorts
 * first stands ({@code docs/events.md} › Duplicates and conflicting repeats).
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = Json.mapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CanonicalJson() {
    }

    public static String of(CaseEvent event) {
        // through a Map so that key order does not depend on how Jackson orders record components
        Map<?, ?> tree = MAPPER.convertValue(event, Map.class);
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a case event as JSON", e);
        }
    }

    /** The version that stands of two with the same id: equal content, or the one whose canonical JSON sorts first. */
    public static CaseEvent standing(CaseEvent a, CaseEvent b) {
        if (a.equals(b)) {
            return a;
        }
        return of(a).compareTo(of(b)) <= 0 ? a : b;
    }
}
