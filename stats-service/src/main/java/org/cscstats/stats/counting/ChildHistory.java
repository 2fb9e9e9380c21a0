package org.cscstats.stats.counting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;

/**
 * The events of one child ({@code la}, {@code childId}) as a set: one standing version per event {@code id}
 * (the one whose canonical JSON sorts first), and retractions applied. What it holds, and so everything counted
 * from it, depends only on the set of events added, never on their order. Not thread-safe.
 */
public final class ChildHistory {
    private final String la;
    private final String childId;
    /** Standing version per id; a TreeMap so that {@link #stored()} has one order whatever the arrival order. */
    private final TreeMap<String, CaseEvent> byId = new TreeMap<>();
    private List<CaseEvent> effective;

    public ChildHistory(String la, String childId) {
        this.la = Objects.requireNonNull(la, "la");
        this.childId = Objects.requireNonNull(childId, "childId");
    }

    /** A history holding the given events (e.g. those {@link #stored()} earlier), which must all be of this child. */
    public static ChildHistory of(String la, String childId, Collection<CaseEvent> events) {
        ChildHistory history = new ChildHistory(la, childId);
        history.addAll(events);
        return history;
    }

    public String la() {
        return la;
    }

    public String childId() {
        return childId;
    }

    /**
     * Adds one event.
     *
     * @return whether the stored set changed (false for an exact duplicate, or a conflicting version that
     *         sorts after the one already standing)
     */
    public boolean add(CaseEvent event) {
        if (!la.equals(event.la()) || !childId.equals(event.childId())) {
            throw new IllegalArgumentException("event " + event.id() + " is not of this child");
        }
        Objects.requireNonNull(event.id(), "event id");
        CaseEvent old = byId.get(event.id());
        CaseEvent standing = old == null ? event : CanonicalJson.standing(old, event);
        if (standing == old) {
            return false;
        }
        byId.put(event.id(), standing);
        effective = null;
        return true;
    }

    /** Adds every event; returns whether the stored set changed. */
    public boolean addAll(Collection<CaseEvent> events) {
        boolean changed = false;
        for (CaseEvent e : events) {
            changed |= add(e);
        }
        return changed;
    }

    /**
     * What to persist for this child: the standing version of every id, retractions and retracted events
     * included (a conflicting version of a retraction could still displace it), ordered by id.
     */
    public List<CaseEvent> stored() {
        return List.copyOf(byId.values());
    }

    /**
     * The events that count: standing versions that are neither retractions nor retracted. A retraction that
     * targets a retraction is void (retractions cannot be retracted), so every standing retraction applies.
     */
    public List<CaseEvent> effective() {
        if (effective == null) {
            Set<String> retracted = new HashSet<>();
            for (CaseEvent e : byId.values()) {
                if (isRetraction(e) && e.eventId() != null) {
                    retracted.add(e.eventId());
                }
            }
            List<CaseEvent> out = new ArrayList<>(byId.size());
            for (CaseEvent e : byId.values()) {
                if (!isRetraction(e) && !retracted.contains(e.id())) {
                    out.add(e);
                }
            }
            effective = List.copyOf(out);
        }
        return effective;
    }

    private static boolean isRetraction(CaseEvent e) {
        return EventType.RETRACTION.wire().equals(e.type());
    }
}
