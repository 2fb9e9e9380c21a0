package org.cscstats.ingest.census;

import java.time.LocalDate;
import org.cscstats.ingest.validation.DateRules;

/**
 * Dates as census files carry them: {@code xs:date}, so {@code 2024-03-31} possibly followed by a zone
 * ({@code Z}, {@code +01:00}); some exports write a time ({@code 2024-03-31T00:00:00}). The date part is taken.
 */
final class XmlDates {
    private XmlDates() {
    }

    /** The date, or null when absent or not a real date. */
    static LocalDate parse(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > 10) {
            String rest = text.substring(10);
            if (!(rest.equals("Z") || rest.matches("[+-]\\d{2}:\\d{2}") || rest.matches("T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?"))) {
                return null;
            }
            text = text.substring(0, 10);
        }
        return DateRules.parseStrict(text);
    }
}
