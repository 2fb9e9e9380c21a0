package org.cscstats.suppression.service;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/** A release already published: what readers hold (its tables, under its policy) and the cubes it was made from. */
public record EarlierRelease(String id, Policy policy, List<PublishedTable> tables, List<Cube> cubes) {
    public EarlierRelease {
        tables = List.copyOf(tables);
        cubes = List.copyOf(cubes);
    }
}
