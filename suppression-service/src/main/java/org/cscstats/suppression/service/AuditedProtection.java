package org.cscstats.suppression.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Dimension;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.CellRef;
import org.cscstats.suppression.catalogue.Header;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.CubeValues;
import org.cscstats.suppression.protect.LinkedSystem;
import org.cscstats.suppression.protect.PreviousRelease;
import org.cscstats.suppression.protect.Protector;
import org.cscstats.suppression.protect.ReleaseProtector;
import org.cscstats.suppression.protect.Status;

/**
 * Protection, then the independent audit over this release and every earlier one read together (docs/disclosure.md
 * › Guarantees 2–4). Where the audit finds a small count narrower than p, the cells around it are withheld more —
 * its {@code <5} shown as {@code [c]}, then its rows and columns, its tables, its measure, everything — and the
 * release protected and audited again. If that does not mend it the release is refused: fail closed.
 */
@ApplicationScoped
public class AuditedProtection implements ReleaseProtection {

    /** Escalation steps before a release is refused; the last withholds every printed figure. */
    static final int MAX_ROUNDS = 6;

    @Override
    public Protected protect(String la, String id, List<Cube> cubes, Policy policy, List<EarlierRelease> earlier) {
        Catalogue catalogue = Catalogue.defaultFor(cubes);
        List<CubeValues> values = new ArrayList<>();
        earlier.forEach(e -> values.add(new CubeValues(e.cubes())));
        values.add(new CubeValues(cubes));
        CubeHistory history = new CubeHistory(values);
        Map<String, Integer> level = new HashMap<>();
        Set<String> hidden = new TreeSet<>();
        Set<String> withheld = new TreeSet<>();
        AuditReport report = null;
        List<AuditCell> failed = List.of();
        List<Audit.Release> published = earlier.stream().map(e -> new Audit.Release(e.id(), e.tables(), e.policy()))
                .toList();
        // What the earlier releases let the attacker know is the same in every round: worked out once. The
        // protection starts from it, figure by figure, and joins the release just before to this one as the audit
        // reads them (one system: each release its own unknowns, the later at least the earlier where not shrunk).
        Audit.Knowledge known = knowledge(la, earlier, published, history);
        List<PreviousRelease> before = new ArrayList<>();
        for (int j = 0; j < earlier.size(); j++) {
            EarlierRelease e = earlier.get(j);
            before.add(new PreviousRelease(e.policy(), e.tables(), null, CarriedKnowledge.onToday(known.after(j), j, history)));
        }
        if (!earlier.isEmpty()) {
            // Its own figures bounded by what the attacker knew after it, as the audit reads the release before (its
            // withheld cells are named by its printed facts already).
            int j = earlier.size() - 1;
            EarlierRelease last = earlier.get(j);
            before.add(new PreviousRelease(last.policy(), last.tables(), last.cubes(), CarriedKnowledge.onItsOwnFigures(known.after(j))));
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ReleaseProtector.Run run = ReleaseProtector.run(catalogue, cubes, policy, before,
                    new Protector.Escalation(hidden, withheld));
            List<Audit.Release> all = new ArrayList<>(published);
            all.add(new Audit.Release(id, run.release().tables(), policy));
            List<Audit.Release> audited = List.copyOf(all);
            report = Audit.verdict(audited, history, known, c -> smallCount(c, audited, values)
                    || c.release().equals(id) && givesItsLineAway(c, run.release().tables(),
                            values.get(values.size() - 1), policy),
                    policy.protection());
            if (!report.violations().isEmpty()) {
                // Our own figures contradicting a relation means the audit's model and ours disagree: never publish.
                throw new ReleaseRefusedException(la, 0, List.of(), "the audit found the release's own figures "
                        + "contradicting " + report.violations().size() + " relation(s)");
            }
            failed = report.leaks(policy.protection());
            if (failed.isEmpty()) {
                return new Protected(run.release().tables(), describe(report, policy, round));
            }
            for (AuditCell c : failed) {
                escalate(c, level.merge(key(c), 1, Integer::sum), run, audited, hidden, withheld);
            }
        }
        List<String> releases = failed.stream().map(AuditCell::release).distinct().sorted().toList();
        throw new ReleaseRefusedException(la, failed.size(), releases, "the independent audit can narrow small "
                + "counts below the protection width " + policy.protection() + " even with every figure withheld");
    }

    /**
     * What the earlier releases let the attacker know, going on from the longest run of them already worked out (a
     * release's knowledge depends only on it and those before it, which never change once published).
     */
    private Audit.Knowledge knowledge(String la, List<EarlierRelease> earlier, List<Audit.Release> published,
            CubeHistory history) {
        Audit.Knowledge from = new Audit.Knowledge();
        synchronized (known) {
            for (int n = earlier.size(); n > 0; n--) {
                Known k = known.get(la + "|" + n);
                // Compared whole, not by a hash: knowledge of other releases must never stand in for theirs.
                if (k != null && k.releases().equals(earlier.subList(0, n))) {
                    from = k.knowledge();
                    break;
                }
            }
        }
        Audit.Knowledge out = Audit.knowledge(published, history, from);
        synchronized (known) {
            known.put(la + "|" + earlier.size(), new Known(List.copyOf(earlier), out));
        }
        return out;
    }

    /** Knowledge worked out after the releases it was worked out from. */
    private record Known(List<EarlierRelease> releases, Audit.Knowledge knowledge) {
    }

    /** The knowledge of recent runs of releases, per LA and length, the least recently used dropped first. */
    private final Map<String, Known> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > KNOWLEDGE_KEPT;
        }
    };

    /** Runs of releases whose knowledge is kept: a few per LA being released at a time is plenty. */
    static final int KNOWLEDGE_KEPT = 64;

    /** True where the withheld cell is a small count in the release that printed it (from that release's cubes). */
    private static boolean smallCount(AuditCell c, List<Audit.Release> releases, List<CubeValues> values) {
        for (int r = 0; r < releases.size(); r++) {
            if (releases.get(r).id().equals(c.release())) {
                TableSpec t = TableSpec.of(table(releases.get(r).tables(), c.table()));
                return releases.get(r).policy().isPrimary(sum(values.get(r), refs(t, c.row(), c.column())));
            }
        }
        throw new IllegalArgumentException("no release " + c.release());
    }

    /**
     * True where the cell holds all but fewer than k of the children of its row or column (not across years): the
     * group-disclosure rule, worked out here from the printed table and the cubes, apart from the protection's.
     */
    private static boolean givesItsLineAway(AuditCell c, List<PublishedTable> tables, CubeValues values,
            Policy policy) {
        int k = policy.groupDisclosure();
        if (k <= 0) {
            return false;
        }
        TableSpec t = TableSpec.of(table(tables, c.table()));
        int r = position(t.rows(), c.row());
        int col = position(t.columns(), c.column());
        if (r == t.rows().size() || col == t.columns().size()) {
            return false; // a total: the rule is about the cells of a line
        }
        long v = sum(values, TableLayout.refs(t, r, col));
        if (v < policy.threshold()) {
            return false;
        }
        boolean acrossYears = t.columnDimension() == Dimension.FY;
        if (!acrossYears && lineTotal(values, t, r, -1) - v < k) {
            return true;
        }
        boolean downYears = t.rowDimension() == null || t.rowDimension() == Dimension.FY;
        return !downYears && lineTotal(values, t, -1, col) - v < k;
    }

    /** A row's (column's) children: its total where the table prints a larger one, else the sum of its cells. */
    private static long lineTotal(CubeValues values, TableSpec t, int row, int column) {
        long cells = 0;
        int n = row >= 0 ? t.columns().size() : t.rows().size();
        for (int i = 0; i < n; i++) {
            cells += sum(values, row >= 0 ? TableLayout.refs(t, row, i) : TableLayout.refs(t, i, column));
        }
        boolean printed = row >= 0 ? t.rowTotals() : t.columnTotals();
        long total = !printed ? 0 : sum(values, row >= 0 ? TableLayout.refs(t, row, t.columns().size())
                : TableLayout.refs(t, t.rows().size(), column));
        return Math.max(cells, total);
    }

    /** The printed table of that id. */
    private static PublishedTable table(List<PublishedTable> tables, String id) {
        return tables.stream().filter(x -> x.table().equals(id)).findFirst().orElseThrow();
    }

    private static long sum(CubeValues values, List<CellRef> refs) {
        long s = 0;
        for (CellRef ref : refs) {
            s += values.value(ref);
        }
        return s;
    }

    private static List<CellRef> refs(TableSpec t, String row, String column) {
        return TableLayout.refs(t, position(t.rows(), row), position(t.columns(), column));
    }

    private static int position(List<Header> headers, String code) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).code().equals(code)) {
                return i;
            }
        }
        return headers.size(); // "total"
    }

    private static String key(AuditCell c) {
        return c.release() + "|" + c.table() + "|" + c.row() + "|" + c.column();
    }

    /**
     * Withholds more around a cell the audit narrowed, one step further each time it fails: 1 its symbol becomes
     * [c]; 2 every figure in its rows and columns; 3 its tables; 4 every table of its measure; 5 everything.
     */
    private static void escalate(AuditCell c, int step, ReleaseProtector.Run run, List<Audit.Release> releases,
            Set<String> hidden, Set<String> withheld) {
        LinkedSystem sys = run.system();
        Status[] status = run.result().status();
        Set<String> refKeys = new HashSet<>();
        for (Audit.Release r : releases) {
            if (r.id().equals(c.release())) {
                refs(TableSpec.of(table(r.tables(), c.table())), c.row(), c.column())
                        .forEach(ref -> refKeys.add(ref.key()));
            }
        }
        for (LinkedSystem.Binding b : sys.bindings()) {
            for (int s = 0; s < b.slots().size(); s++) {
                int u = b.unknowns()[s];
                if (!names(sys, u, refKeys)) {
                    continue;
                }
                if (step == 1 && status[u] == Status.PRIMARY) {
                    hidden.add(sys.unknown(u).key());
                    continue;
                }
                TableLayout.Slot at = b.slots().get(s);
                for (LinkedSystem.Binding other : sys.bindings()) {
                    boolean sameTable = other == b;
                    boolean sameMeasure = other.spec().measure() == b.spec().measure();
                    for (int k = 0; k < other.slots().size(); k++) {
                        TableLayout.Slot o = other.slots().get(k);
                        boolean inLine = sameTable && (o.row() == at.row() || o.column() == at.column());
                        boolean take = step >= 5 || (step == 4 && sameMeasure) || (step == 3 && sameTable)
                                || (step <= 2 && inLine);
                        if (take) {
                            String key = sys.unknown(other.unknowns()[k]).key();
                            hidden.add(key);
                            withheld.add(key);
                        }
                    }
                }
            }
        }
    }

    /** The unknown prints (one of) the cells named, or a total over them. */
    private static boolean names(LinkedSystem sys, int u, Set<String> refKeys) {
        for (CellRef part : sys.unknown(u).parts()) {
            if (refKeys.contains(part.key())) {
                return true;
            }
        }
        return false;
    }

    /** The audit body of docs/api.md › Operators (no release id of its own: each cell names its release). */
    private static Map<String, Object> describe(AuditReport report, Policy policy, int rounds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attacker", report.attacker());
        out.put("cells", report.cells());
        out.put("violations", report.violations().size());
        out.put("violationDetails", report.violations());
        out.put("checked", report.cells().stream().filter(AuditCell::checked).count());
        out.put("narrowerThanProtection", report.leaks(policy.protection()).size());
        out.put("escalations", rounds);
        return out;
    }
}
