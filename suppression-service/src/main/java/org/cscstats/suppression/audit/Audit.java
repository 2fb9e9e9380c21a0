package org.cscstats.suppression.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/**
 * The attacker, written apart from the protection code (docs/disclosure.md › The audit): from printed tables
 * alone (displayed strings, table shapes, the relations of docs/measures.md), over every release of the LA read
 * together, it derives by integer programming with ojAlgo (a different solver from the protection's own simplex)
 * the interval [min, max] of withheld cells. Relations the printed figures contradict are reported and left out.
 *
 * <p>Cells the caller asks to check (the small counts) get their interval from integer optima, unless integer
 * solutions already found show a width of at least p (then the interval shown is the span of those solutions: the
 * attacker's contains it). Other withheld cells show the span of the solutions found. For operators only.
 */
public final class Audit {

    static final double TOL = 1e-7;
    /**
     * A relaxation narrower than p by more than this is narrower in fact (an integer interval is never wider than
     * its relaxation); the margin keeps floating-point noise on a width of exactly p from failing a safe cell.
     */
    static final double RELAXATION_MARGIN = 1e-6;
    private static final double INF = Double.POSITIVE_INFINITY;

    public static final String ATTACKER = "Integer programming over every printed figure of every release of the "
            + "LA read together: each breakdown adds up to its total and every code list is complete (relation 1, "
            + "ethnicities to their group, years to multi-year totals); referral outcomes add up to referrals "
            + "(relation 2); outcomes nfa + other <= referrals assessed <= referrals - no-assessment (relation 3); "
            + "every count a whole number >= 0; '<t' is 1..t-1, '[c]' states nothing, a printed figure is exact (or "
            + "its rounding range); a figure unchanged since an earlier release keeps what that release printed, one "
            + "that grew is at least what it was, one that shrank carries nothing over.";

    /** One release as readers see it. */
    public record Release(String id, List<PublishedTable> tables, Policy policy) {
    }

    /** The solver did not finish: no interval can be shown, so nothing may pass for safe. */
    public static final class SolverFailure extends RuntimeException {
        SolverFailure(String message) {
            super(message);
        }
    }

    private final ReaderModel model;
    private final double[] lo;
    private final double[] hi;
    private final List<Violation> violations = new ArrayList<>();
    private final List<ReaderModel.Row> active = new ArrayList<>();
    private int[] component;
    private final boolean verdictOnly;
    private final Map<Integer, IntegerRegion> regions = new HashMap<>();
    /** Checked cells the relaxation already holds narrower than p, with its [min, max] (which contains theirs). */
    private final Map<Integer, double[]> narrowByRelaxation = new HashMap<>();

    private Audit(ReaderModel model, boolean verdictOnly) {
        this.model = model;
        this.verdictOnly = verdictOnly;
        int n = model.vars.size();
        lo = new double[n];
        hi = new double[n];
        Arrays.fill(hi, INF);
    }

    /** Audits one set of printed tables on its own (someone else's reply): every withheld cell is checked. */
    public static AuditReport run(List<PublishedTable> tables, Policy policy) {
        return run(List.of(new Release(null, tables, policy)), ReleaseHistory.SINGLE, c -> true, policy.protection());
    }

    /**
     * Audits releases read together, oldest first.
     *
     * @param check the withheld cells that must keep width {@code p} (the small counts); they get integer optima
     */
    public static AuditReport run(List<Release> releases, ReleaseHistory history, Predicate<AuditCell> check,
            int p) {
        return new Audit(read(releases, history), false).solve(releases, check, p);
    }

    /**
     * As {@link #run}, for a pass-or-fail verdict: a checked cell its linear relaxation already holds narrower than p
     * fails on the relaxation's bounds ({@link AuditCell.Bound#OUTER}) without integer optima. Which cells fail is the
     * same; only the intervals shown for failing cells are wider.
     */
    public static AuditReport verdict(List<Release> releases, ReleaseHistory history, Predicate<AuditCell> check,
            int p) {
        return new Audit(read(releases, history), true).solve(releases, check, p);
    }

    private static ReaderModel read(List<Release> releases, ReleaseHistory history) {
        ReaderModel model = new ReaderModel(history);
        for (int i = 0; i < releases.size(); i++) {
            model.read(releases.get(i).tables(), i, releases.get(i).policy());
        }
        model.close();
        return model;
    }

    private AuditReport solve(List<Release> releases, Predicate<AuditCell> check, int p) {
        for (ReaderModel.Row r : model.rows) {
            if (r.fact() && r.vars().length == 1 && r.coefs()[0] == 1) {
                int v = r.vars()[0];
                double nlo = Math.max(lo[v], r.lo());
                double nhi = Math.min(hi[v], r.hi());
                if (nlo > nhi + TOL) {
                    violations.add(new Violation("printed figures agree", r.origin() + " contradicts another printed "
                            + "figure for the same cell"));
                    continue;
                }
                lo[v] = nlo;
                hi[v] = nhi;
            }
        }
        for (ReaderModel.Row r : model.rows) {
            if (r.fact() && r.vars().length == 1 && r.coefs()[0] == 1) {
                continue;
            }
            double[] range = range(r);
            if (range[1] < r.lo() - TOL || range[0] > r.hi() + TOL) {
                violations.add(new Violation(r.origin(), "cannot hold with the printed figures"));
            } else if (!(range[0] >= r.lo() - TOL && range[1] <= r.hi() + TOL)) {
                active.add(r); // rows that every value within the bounds satisfies say nothing more
            }
        }
        components();
        keepFeasible();
        List<AuditCell> cells = new ArrayList<>();
        List<ReaderModel.Target> targets = model.targets;
        boolean[] checked = new boolean[targets.size()];
        for (int k = 0; k < targets.size(); k++) {
            ReaderModel.Target t = targets.get(k);
            checked[k] = check.test(cell(releases, t, 0, null, AuditCell.Bound.INNER, false));
        }
        certifyByProposals(targets, checked, p);
        // Checked cells first: their optima are integer solutions that often show other cells wide too.
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < targets.size(); k++) {
                if (checked[k] == (pass == 0)) {
                    ReaderModel.Target t = targets.get(k);
                    double[] outer = narrowByRelaxation.get(k);
                    double[] b = outer != null ? outer : checked[k] ? interval(t.vars(), p) : span(t.vars());
                    AuditCell.Bound bound = outer != null ? AuditCell.Bound.OUTER
                            : b[2] == 1 ? AuditCell.Bound.EXACT : AuditCell.Bound.INNER;
                    cells.add(cell(releases, t, clean(b[0]), b[1] == INF ? null : clean(b[1]), bound, checked[k]));
                }
            }
        }
        return new AuditReport(ATTACKER, cells, violations);
    }


    /**
     * Most small counts are shown p wide by points the simplex proposes: per cell not yet shown wide, its lowest and
     * highest vertex (warm-started, so cheap), each kept only if whole and checked. A cell the relaxation itself
     * holds narrower than p (the simplex says so, ojAlgo confirms) is narrower for whole numbers too: for a verdict it
     * fails on those bounds. Where the vertices are fractional, whole points near them are tried; what is left gets
     * integer optima from ojAlgo in {@link #interval}.
     */
    private void certifyByProposals(List<ReaderModel.Target> targets, boolean[] checked, int p) {
        for (int k = 0; k < targets.size(); k++) {
            if (!checked[k] || wide(targets.get(k).vars(), p)) {
                continue;
            }
            int[] form = targets.get(k).vars();
            Map<Integer, List<Integer>> parts = parts(form);
            parts.remove(-1);
            double[] relaxed = constants(form);
            List<IntegerRegion.Proposal> vertices = new ArrayList<>();
            List<IntegerRegion> of = new ArrayList<>();
            for (boolean up : new boolean[] {false, true}) {
                for (Map.Entry<Integer, List<Integer>> e : parts.entrySet()) {
                    IntegerRegion region = region(e.getKey());
                    IntegerRegion.Proposal proposal = region.propose(e.getValue(), up);
                    relaxed[up ? 1 : 0] += proposal.objective();
                    vertices.add(proposal);
                    of.add(region);
                }
            }
            if (wide(form, p)) {
                continue;
            }
            // NaN (no relaxation optimum) compares false: such a cell goes on to the integer optima.
            if (relaxed[1] - relaxed[0] < p - RELAXATION_MARGIN) {
                // The simplex's optima are only proposals (on large joint models it has stopped short of the
                // optimum): a narrow verdict rests on ojAlgo's relaxation, and where that is wide, on integer optima.
                double[] confirmed = constants(form);
                for (Map.Entry<Integer, List<Integer>> e : parts.entrySet()) {
                    confirmed[0] += region(e.getKey()).relaxedOptimum(e.getValue(), false);
                    confirmed[1] += region(e.getKey()).relaxedOptimum(e.getValue(), true);
                }
                if (confirmed[1] - confirmed[0] < p - RELAXATION_MARGIN) {
                    if (verdictOnly) {
                        narrowByRelaxation.put(k, confirmed);
                    }
                    continue; // narrow whatever whole points are found: the integer optima say by how much
                }
            }
            for (int i = 0; i < vertices.size(); i++) {
                of.get(i).round(vertices.get(i));
            }
        }
    }

    private boolean wide(int[] form, int p) {
        double[] s = span(form);
        return s[1] - s[0] >= p - AuditCell.EXACT;
    }

    private static AuditCell cell(List<Release> releases, ReaderModel.Target t, double min, Double max,
            AuditCell.Bound bound, boolean checked) {
        return new AuditCell(releases.get(t.release()).id(), t.table(), t.row(), t.column(), t.display(), min, max,
                bound, checked);
    }

    private static double clean(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < 1e-9 ? r : v;
    }

    private boolean free(int v) {
        return hi[v] - lo[v] > TOL;
    }

    /** The range Σ coefs·x can take with each variable anywhere in its own bounds. */
    private double[] range(ReaderModel.Row r) {
        double min = 0;
        double max = 0;
        for (int k = 0; k < r.vars().length; k++) {
            double c = r.coefs()[k];
            int v = r.vars()[k];
            min += c > 0 ? c * lo[v] : c * hi[v];
            max += c > 0 ? c * hi[v] : c * lo[v];
        }
        return new double[] {Double.isNaN(min) ? -INF : min, Double.isNaN(max) ? INF : max};
    }

    /** Groups free variables linked by an active row; fixed variables are constants. */
    private void components() {
        int n = model.vars.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (ReaderModel.Row r : active) {
            int first = -1;
            for (int v : r.vars()) {
                if (free(v)) {
                    if (first < 0) {
                        first = v;
                    } else {
                        union(parent, first, v);
                    }
                }
            }
        }
        component = new int[n];
        for (int i = 0; i < n; i++) {
            component[i] = find(parent, i);
        }
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a);
        int rb = find(p, b);
        if (ra != rb) {
            p[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private int componentOf(ReaderModel.Row r) {
        for (int v : r.vars()) {
            if (free(v)) {
                return component[v];
            }
        }
        return -1;
    }

    /** Within each component, leaves out (and reports) relations that make the printed figures infeasible. */
    private void keepFeasible() {
        TreeMap<Integer, List<ReaderModel.Row>> byComp = new TreeMap<>();
        for (ReaderModel.Row r : active) {
            byComp.computeIfAbsent(componentOf(r), k -> new ArrayList<>()).add(r);
        }
        List<ReaderModel.Row> kept = new ArrayList<>();
        for (Map.Entry<Integer, List<ReaderModel.Row>> e : byComp.entrySet()) {
            List<ReaderModel.Row> rows = e.getValue();
            IntegerRegion whole = new IntegerRegion(rows, lo, hi);
            if (whole.feasible()) {
                kept.addAll(rows);
                regions.put(e.getKey(), whole); // its rows stay as they are: solve over it later
                continue;
            }
            // Printed figures first, then relations, each kept only if the whole stays feasible.
            List<ReaderModel.Row> ordered = new ArrayList<>(rows.stream().filter(ReaderModel.Row::fact).toList());
            ordered.addAll(rows.stream().filter(r -> !r.fact()).toList());
            List<ReaderModel.Row> ok = new ArrayList<>();
            for (ReaderModel.Row r : ordered) {
                ok.add(r);
                if (!new IntegerRegion(ok, lo, hi).feasible()) {
                    ok.remove(ok.size() - 1);
                    violations.add(new Violation(r.origin(), "contradicts the printed figures and the relations kept"));
                }
            }
            kept.addAll(ok);
        }
        active.clear();
        active.addAll(kept);
    }

    /**
     * [min, max, exact] of Σ x over the form: constants plus, per component, integer optima, unless the integer
     * solutions found so far already span at least p (exact = 0 then).
     */
    private double[] interval(int[] form, int p) {
        double[] span = span(form);
        if (span[1] - span[0] >= p - AuditCell.EXACT) {
            return new double[] {span[0], span[1], 0};
        }
        double[] fixed = constants(form);
        double min = fixed[0];
        double max = fixed[1];
        for (Map.Entry<Integer, List<Integer>> e : parts(form).entrySet()) {
            if (e.getKey() < 0) {
                continue;
            }
            IntegerRegion region = region(e.getKey());
            try {
                min += region.optimum(e.getValue(), false);
                max += region.optimum(e.getValue(), true);
            } catch (SolverFailure undecided) {
                // No optimum: show the span of the solutions found, which is narrower than p, so the cell
                // counts as failing and the release escalates or is refused (fail closed).
                double[] found = span(form);
                return new double[] {found[0], found[1], 0};
            }
        }
        return new double[] {min, max, 1};
    }

    /** The span of Σ x over the integer solutions found so far (constants where nothing was solved). */
    private double[] span(int[] form) {
        double[] fixed = constants(form);
        double min = fixed[0];
        double max = fixed[1];
        for (Map.Entry<Integer, List<Integer>> e : parts(form).entrySet()) {
            if (e.getKey() < 0) {
                continue;
            }
            double[] s = region(e.getKey()).span(e.getValue());
            min += s[0];
            max += s[1];
        }
        return new double[] {min, max, 0};
    }

    /** The bounds of the form's figures that are in no row: each on its own bounds. */
    private double[] constants(int[] form) {
        double min = 0;
        double max = 0;
        List<Integer> alone = parts(form).get(-1);
        for (int v : alone == null ? List.<Integer>of() : alone) {
            min += lo[v];
            max += hi[v];
        }
        return new double[] {min, max};
    }

    /** The form's variables by component; fixed ones under -1 - their value counts as a constant. */
    private TreeMap<Integer, List<Integer>> parts(int[] form) {
        TreeMap<Integer, List<Integer>> parts = new TreeMap<>();
        for (int v : form) {
            boolean inRows = free(v) && regionHas(component[v]);
            parts.computeIfAbsent(inRows ? component[v] : -1, k -> new ArrayList<>()).add(v);
        }
        return parts;
    }

    /** The active rows of each component, grouped once. */
    private Map<Integer, List<ReaderModel.Row>> rowsByComponent;

    private boolean regionHas(int comp) {
        return rowsOf().containsKey(comp);
    }

    private Map<Integer, List<ReaderModel.Row>> rowsOf() {
        if (rowsByComponent == null) {
            rowsByComponent = new HashMap<>();
            for (ReaderModel.Row r : active) {
                rowsByComponent.computeIfAbsent(componentOf(r), k -> new ArrayList<>()).add(r);
            }
        }
        return rowsByComponent;
    }

    private IntegerRegion region(int comp) {
        return regions.computeIfAbsent(comp, c -> new IntegerRegion(rowsOf().get(c), lo, hi));
    }
}
