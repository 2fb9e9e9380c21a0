package org.cscstats.suppression.service;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/** Turns one LA's cubes into the protected tables of a release (the pure {@code protect} package behind it). */
public interface ReleaseProtection {

    /**
     * @param previous      the tables of the LA's previous release (empty for the first), which a reader also holds
     * @param previousCubes the cubes that release was protected from (what changed since is modelled, not assumed)
     */
    List<PublishedTable> protect(String la, List<Cube> cubes, Policy policy, List<PublishedTable> previous,
                                 List<Cube> previousCubes);

    /** The independent audit: every suppressed cell's attacker interval over everything the tables publish. */
    Object audit(List<PublishedTable> tables, Policy policy);
}
