package org.cscstats.stats.counting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cscstats.contract.CaseEvent;

/**
 * Which workers hold a child at the end of given days. A worker holds the child from an {@code allocate} to the
 * next {@code unallocate} for that worker; on one day the {@code unallocate} comes last, so a worker allocated
 * and unallocated on 31 March does not hold the child on 31 March.
 */
final class Allocations {
    private static final Comparator<CaseEvent> ORDER = Comparator.comparing(CaseEvent::workerId)
            .thenComparing(CaseEvent::date)
            .thenComparing(e -> isAllocate(e) ? 0 : 1);

    private Allocations() {
    }

    /**
     * @param allocations the child's {@code allocation} events, in any order
     * @param days ascending
     * @return for each day (same index), the workers holding the child at its end, each once
     */
    static List<List<String>> workersAt(List<CaseEvent> allocations, List<LocalDate> days) {
        List<List<String>> out = new ArrayList<>(days.size());
        for (int k = 0; k < days.size(); k++) {
            out.add(new ArrayList<>(2));
        }
        List<CaseEvent> sorted = new ArrayList<>(allocations.size());
        for (CaseEvent e : allocations) {
            if (e.workerId() != null && ("allocate".equals(e.action()) || "unallocate".equals(e.action()))) {
                sorted.add(e);
            }
        }
        sorted.sort(ORDER);
        // per worker, one sweep over its events and the days together
        for (int i = 0; i < sorted.size(); ) {
            String worker = sorted.get(i).workerId();
            int j = i;
            while (j < sorted.size() && sorted.get(j).workerId().equals(worker)) {
                j++;
            }
            int p = i;
            boolean holds = false;
            for (int k = 0; k < days.size(); k++) {
                while (p < j && !sorted.get(p).date().isAfter(days.get(k))) {
                    holds = isAllocate(sorted.get(p));
                    p++;
                }
                if (holds) {
                    out.get(k).add(worker);
                }
            }
            i = j;
        }
        return out;
    }

    private static boolean isAllocate(CaseEvent e) {
        return "allocate".equals(e.action());
    }
}
