package org.cscstats.suppression.service;

import java.util.List;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/** Turns one LA's cubes into the protected, audited tables of a release (the pure protect and audit behind it). */
public interface ReleaseProtection {

    /** A release safe to store: its tables and the audit that passed. */
    record Protected(List<PublishedTable> tables, Map<String, Object> audit) {
    }

    /**
     * @param id      the id the release will have
     * @param earlier every earlier release of the LA, oldest first, which a reader also holds
     * @throws ReleaseRefusedException if the independent audit cannot be made to pass (nothing may be stored)
     * @throws org.cscstats.suppression.protect.InconsistentCubesException if the cubes are caught mid-update
     */
    Protected protect(String la, String id, List<Cube> cubes, Policy policy, List<EarlierRelease> earlier);
}
