package org.cscstats.stats.counting;

import java.time.LocalDate;
import java.util.Collection;
import org.cscstats.contract.AgeBand;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.CodeLists;

/**
 * A child's characteristics as every figure uses them: for each field separately the latest recorded value
 * (latest event {@code date}; same date: the greatest value), with {@code not-stated} / {@code unknown} when none
 * was recorded. {@code birth} is the birth or expected birth date, or null.
 */
public record Characteristics(String ethnicity, String ethnicGroup, String sex, LocalDate birth) {

    public static final String NOT_STATED = "not-stated";
    public static final String SEX_UNKNOWN = "unknown";

    /** From every event carrying a {@code child} object; the others are ignored. */
    public static Characteristics of(Collection<CaseEvent> events) {
        Latest<String> ethnicity = new Latest<>();
        Latest<String> sex = new Latest<>();
        Latest<LocalDate> birth = new Latest<>();
        for (CaseEvent e : events) {
            CaseEvent.Child c = e.child();
            if (c == null) {
                continue;
            }
            ethnicity.offer(e.date(), c.ethnicity());
            sex.offer(e.date(), c.sex());
            // birthDate and expectedBirthDate are one field, "birth" (docs/events.md › The child object)
            birth.offer(e.date(), c.birthDate() != null ? c.birthDate() : c.expectedBirthDate());
        }
        String eth = ethnicity.value == null ? NOT_STATED : ethnicity.value;
        return new Characteristics(eth, CodeLists.ethnicGroup(eth), sex.value == null ? SEX_UNKNOWN : sex.value,
                birth.value);
    }

    public String ageBand(LocalDate on) {
        return AgeBand.on(birth, on);
    }

    /** The latest (date, value) offered; same date: the greater value. */
    private static final class Latest<T extends Comparable<? super T>> {
        LocalDate date;
        T value;

        void offer(LocalDate d, T v) {
            if (v == null) {
                return;
            }
            int c = date == null ? 1 : d.compareTo(date);
            if (c > 0 || (c == 0 && v.compareTo(value) > 0)) {
                date = d;
                value = v;
            }
        }
    }
}
