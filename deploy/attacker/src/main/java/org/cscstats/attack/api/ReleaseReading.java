package org.cscstats.attack.api;

import java.util.List;

/** Everything one release shows: its id and number, its policy, and every table. */
public record ReleaseReading(String id, int number, PolicyView policy, List<ShownTable> tables) {

    public ReleaseReading {
        tables = List.copyOf(tables);
    }
}
