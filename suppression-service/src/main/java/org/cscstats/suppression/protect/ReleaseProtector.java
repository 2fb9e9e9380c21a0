package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;

/**
 * The entry point: one LA's cubes, a policy and every earlier release of the LA in; every catalogued table out,
 * protected as one system with the earlier releases. Pure and deterministic: the same input always gives the same
 * tables.
 */
public final class ReleaseProtector {
    private ReleaseProtector() {
    }

    /** What protection chose, with the system behind it. Holds true values: for tests, benchmarks and operators. */
    public record Run(LinkedSystem system, Protector.Result result, ProtectedRelease release) {
    }

    /** Protects the default catalogue of the LA whose cubes these are; {@code earlier} oldest first. */
    public static ProtectedRelease protect(List<Cube> cubes, Policy policy, List<PreviousRelease> earlier) {
        return run(Catalogue.defaultFor(cubes), cubes, policy, earlier, Protector.Escalation.NONE).release();
    }

    public static Run run(Catalogue catalogue, List<Cube> cubes, Policy policy, List<PreviousRelease> earlier) {
        return run(catalogue, cubes, policy, earlier, Protector.Escalation.NONE);
    }

    public static Run run(Catalogue catalogue, List<Cube> cubes, Policy policy, List<PreviousRelease> earlier,
            Protector.Escalation escalation) {
        long start = System.nanoTime();
        CubeValues values = new CubeValues(cubes);
        List<TableSpec> linked = catalogue.tables().stream().filter(TableSpec::linked).toList();
        LinkedSystem sys = LinkedSystemBuilder.build(linked, values,
                earlier.stream().map(PreviousRelease::knowledge).toList());
        Protector.Result result = Protector.run(sys, policy, escalation);
        Map<String, PublishedTable> rendered = new HashMap<>();
        for (LinkedSystem.Binding b : sys.bindings()) {
            rendered.put(b.spec().id(), TableRenderer.render(catalogue.la(), b, result.status(), sys, policy));
        }
        List<PublishedTable> tables = new ArrayList<>();
        for (TableSpec t : catalogue.tables()) {
            tables.add(t.linked() ? rendered.get(t.id()) : CaseloadRenderer.render(catalogue.la(), t, values, policy));
        }
        int primary = 0;
        int secondary = 0;
        for (Status s : result.status()) {
            primary += s == Status.PRIMARY || s == Status.PRIMARY_HIDDEN ? 1 : 0;
            secondary += s == Status.SECONDARY ? 1 : 0;
        }
        List<String> unprotectable = result.unprotectable().stream().map(i -> sys.unknown(i).key()).toList();
        List<String> limited = result.limited().stream().map(i -> sys.unknown(i).key()).toList();
        long millis = (System.nanoTime() - start) / 1_000_000;
        ProtectionReport report = new ProtectionReport(tables.size(), sys.size(), sys.constraints().size(), primary,
                secondary, result.secondaryRemoved(), unprotectable, limited, result.lpSolves(), millis);
        return new Run(sys, result, new ProtectedRelease(catalogue.la(), policy, catalogue, tables, report));
    }
}
