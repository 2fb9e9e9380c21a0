package org.cscstats.attack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cscstats.contract.CaseEvent;
import org.cscstats.local.generator.CaseHistoryGenerator;
import org.cscstats.local.generator.GeneratorConfig;

/**
 * A synthetic council's events (the project's generator: duplicates, late and out-of-order delivery, ethnicity
 * corrections, retractions) in delivery order, cut into slices sent one after another, a release after each.
 */
record Council(String la, String label, List<CaseEvent> events, int slices) {

    /** The LA's events from a generator run of the first {@code lasGenerated} LAs. */
    static Council of(String la, String label, GeneratorConfig config, int slices) {
        List<CaseEvent> mine = new ArrayList<>();
        new CaseHistoryGenerator(config).forEach(e -> {
            if (e.la().equals(la)) {
                mine.add(e);
            }
        });
        return new Council(la, label, List.copyOf(mine), slices);
    }

    List<CaseEvent> slice(int i) {
        int from = (int) ((long) events.size() * i / slices);
        int to = (int) ((long) events.size() * (i + 1) / slices);
        return events.subList(from, to);
    }

    /** Distinct children in the first {@code n} slices. */
    int childrenUpTo(int n) {
        Set<String> ids = new HashSet<>();
        for (CaseEvent e : events.subList(0, (int) ((long) events.size() * n / slices))) {
            ids.add(e.childId());
        }
        return ids.size();
    }
}
