package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The attacker's integer variables: one per underlying cube cell per release, variables of releases apart. */
public final class VariableSpace {
    private record Slot(int release, Cell cell) {
    }

    private final Map<Slot, Integer> index = new HashMap<>();
    private final List<Slot> slots = new ArrayList<>();

    int add(int release, Cell cell) {
        return index.computeIfAbsent(new Slot(release, cell), s -> {
            slots.add(s);
            return slots.size() - 1;
        });
    }

    /** The variable of the cell in the release, or -1 where the release has none for it. */
    public int of(int release, Cell cell) {
        Integer i = index.get(new Slot(release, cell));
        return i == null ? -1 : i;
    }

    public int size() {
        return slots.size();
    }

    public int release(int variable) {
        return slots.get(variable).release();
    }

    public Cell cell(int variable) {
        return slots.get(variable).cell();
    }
}
