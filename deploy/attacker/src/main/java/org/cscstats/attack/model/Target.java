package org.cscstats.attack.model;

import java.util.List;

/**
 * A withheld figure of one release: the sum of {@code variables} (one cube cell, or a total over years), printed
 * as {@code display} at each of {@code positions} (the same figure may appear in several tables).
 */
public record Target(int release, int[] variables, List<Position> positions, String display) {

    public Target {
        positions = List.copyOf(positions);
    }
}
