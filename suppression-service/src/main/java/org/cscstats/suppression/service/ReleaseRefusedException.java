package org.cscstats.suppression.service;

import java.util.List;

/**
 * Fail closed (docs/disclosure.md › Guarantees 3): the independent audit found small counts an attacker holding
 * every release could narrow below the protection width, and escalation could not mend it. Nothing is stored; the
 * previous release stays the latest. Names the LA, how many cells and which releases, never a value.
 */
public final class ReleaseRefusedException extends RuntimeException {
    private final String la;
    private final int cells;
    private final List<String> releases;

    public ReleaseRefusedException(String la, int cells, List<String> releases, String reason) {
        super("release of LA " + la + " refused: " + reason + " (" + cells + " small-count cell"
                + (cells == 1 ? "" : "s") + (releases.isEmpty() ? "" : ", in " + String.join(", ", releases)) + ")");
        this.la = la;
        this.cells = cells;
        this.releases = List.copyOf(releases);
    }

    public String la() {
        return la;
    }

    public int cells() {
        return cells;
    }

    public List<String> releases() {
        return releases;
    }
}
