package org.cscstats.suppression.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.PreviousRelease;
import org.cscstats.suppression.protect.ReleaseProtector;

/** The pure protection and the independent audit, as the release service uses them. */
@ApplicationScoped
public class AuditedProtection implements ReleaseProtection {

    @Override
    public List<PublishedTable> protect(String la, List<Cube> cubes, Policy policy, List<PublishedTable> previous,
                                        List<Cube> previousCubes) {
        PreviousRelease prior = previous.isEmpty() ? null : new PreviousRelease(policy, previous,
                previousCubes.isEmpty() ? null : previousCubes);
        return ReleaseProtector.protect(cubes, policy, prior).tables();
    }

    /** api.md's audit body (less the release id, added when served): attacker, intervals, violations. */
    @Override
    public Object audit(List<PublishedTable> tables, Policy policy) {
        AuditReport report = Audit.run(tables, policy);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attacker", report.attacker());
        out.put("cells", report.cells());
        out.put("violations", report.violations().size());
        out.put("violationDetails", report.violations());
        out.put("narrowerThanProtection", report.leaks(policy.protection()).size());
        return out;
    }
}
