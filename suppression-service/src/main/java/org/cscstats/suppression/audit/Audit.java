package org.cscstats.suppression.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/**
 * The attacker, written apart from the protection code (docs/disclosure.md › The independent audit): from printed tables
 * alone (displayed strings, table shapes, the relations of docs/measures.md) it derives by integer programming with
 * Google OR-Tools (CP-SAT; GLOP for relaxations) the interval [min, max] of withheld cells: a cell passes only on
 * whole-number points the audit checks itself, so no solver, shared with the protection or not, can pass it.
 * Relations the printed figures contradict are reported and left out.
 *
 * <p>Each release is read together with the one before it, and with what the attacker knew of every figure after
 * the ones before (rule 5 of the attacker, as docs/disclosure.md › How we read rule 5 reads it): a figure whose value
 * is the same as in the release before keeps the integer interval that release left, one that did not shrink since
 * an earlier release keeps that release's lower bound, one that shrank carries nothing. That {@link Knowledge} is
 * per figure, so the cost of a release does not grow with the number before it.
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
    /** A bound this close to a whole number is shown as that number (the relaxation's floating point). */
    private static final double SHOWN_WHOLE = 1e-9;
    private static final double INF = Double.POSITIVE_INFINITY;

    public static final String ATTACKER = "Integer programming over every printed figure of every release of the "
            + "LA read together: each breakdown adds up to its total and every code list is complete (relation 1, "
            + "ethnicities to their group, years to multi-year totals); referral outcomes add up to referrals "
            + "(relation 2); outcomes nfa + other <= referrals assessed <= referrals - no-assessment (relation 3); "
            + "every count a whole number >= 0; '<t' is 1..t-1, '[c]' states nothing, a printed figure is exact (or "
            + "its rounding range); a figure unchanged since an earlier release keeps the interval that release printed "
            + "or implied, one that grew keeps its lower bound, one that shrank carries nothing over.";

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
     * Audits the last of {@code releases} (oldest first) with what the ones before it let the attacker know: its
     * withheld cells, and those of earlier releases whose figures it carries unchanged.
     *
     * @param check the withheld cells that must keep width {@code p} (the small counts); they get integer optima
     */
    public static AuditReport run(List<Release> releases, ReleaseHistory history, Predicate<AuditCell> check,
            int p) {
        Knowledge before = knowledge(releases.subList(0, releases.size() - 1), history);
        return new Audit(before.read(releases, history), false).solve(releases, check, p);
    }

    /**
     * As {@link #run}, for a pass-or-fail verdict, with the knowledge of the earlier releases already worked out: a
     * checked cell its linear relaxation already holds narrower than p fails on the relaxation's bounds
     * ({@link AuditCell.Bound#OUTER}) without integer optima. Which cells fail is the same; only the intervals shown
     * for failing cells are wider.
     */
    public static AuditReport verdict(List<Release> releases, ReleaseHistory history, Knowledge before,
            Predicate<AuditCell> check, int p) {
        if (before.releases() != releases.size() - 1) {
            throw new IllegalArgumentException("knowledge of " + before.releases() + " releases for "
                    + (releases.size() - 1) + " earlier ones");
        }
        return new Audit(before.read(releases, history), true).solve(releases, check, p);
    }

    /**
     * What the attacker knows of every figure after each of {@code releases} (oldest first), each read with the
     * knowledge carried from those before it: the integer interval of each figure its model names.
     */
    public static Knowledge knowledge(List<Release> releases, ReleaseHistory history) {
        return knowledge(releases, history, new Knowledge());
    }

    /**
     * As {@link #knowledge(List, ReleaseHistory)}, going on from what is already known of the first
     * {@code known.releases()} of them (worked out before for the same releases): only the rest are read.
     */
    public static Knowledge knowledge(List<Release> releases, ReleaseHistory history, Knowledge from) {
        if (from.releases() > releases.size()) {
            throw new IllegalArgumentException("knowledge of " + from.releases() + " releases, " + releases.size()
                    + " given");
        }
        Knowledge known = from.copy();
        for (int i = from.releases(); i < releases.size(); i++) {
            Audit a = new Audit(known.read(releases.subList(0, i + 1), history), false);
            try {
                known.add(a.figureIntervals(i), a.model);
            } finally {
                a.close();
            }
        }
        return known;
    }

    /**
     * Per release, what the attacker knows of each figure (measure, year, codes) after it, and its withheld cells by
     * the figures they add up: the rule-5 carry-over, in place of every earlier release's whole system.
     */
    public static final class Knowledge {
        private final List<Map<String, double[]>> intervals = new ArrayList<>();
        private final List<List<Withheld>> withheld = new ArrayList<>();
        private final List<List<Figure>> figures = new ArrayList<>();

        /** A withheld cell of an earlier release, by the figures its value adds up. */
        private record Withheld(ReaderModel.Target target, List<String> figures) {
        }

        /**
         * A figure as the attacker knows it after a release: measure, year, codes and its integer interval
         * ({@code max} is {@link Long#MAX_VALUE} where nothing bounds it from above).
         */
        public record Figure(String measure, String year, Map<String, String> codes, long min, long max) {
        }

        public int releases() {
            return intervals.size();
        }

        private Knowledge copy() {
            Knowledge k = new Knowledge();
            k.intervals.addAll(intervals);
            k.withheld.addAll(withheld);
            k.figures.addAll(figures);
            return k;
        }

        /** What release {@code release} (0 = the oldest) left the attacker knowing, figure by figure. */
        public List<Figure> after(int release) {
            return figures.get(release);
        }

        private void add(Map<String, double[]> known, ReaderModel model) {
            intervals.add(known);
            List<Figure> listed = new ArrayList<>();
            for (int v : model.byRelease().get(intervals.size() - 1).values()) {
                double[] b = known.get(model.figure(v));
                long max = b[1] == INF ? Long.MAX_VALUE : (long) b[1];
                if (b[0] > 0 || max != Long.MAX_VALUE) {
                    listed.add(new Figure(model.measureOf(v).id(), model.yearOf(v), Map.copyOf(model.dimsOf(v)),
                            (long) b[0], max));
                }
            }
            figures.add(List.copyOf(listed));
            List<Withheld> cells = new ArrayList<>();
            for (ReaderModel.Target t : model.targets) {
                if (t.release() == intervals.size() - 1) { // its own cells: earlier ones are already listed
                    cells.add(new Withheld(t, Arrays.stream(t.vars()).mapToObj(model::figure).toList()));
                }
            }
            withheld.add(cells);
        }

        /**
         * The last release read together with the one before it, each figure bounded by what earlier releases let
         * the attacker know of it (the same value as in the release before: that release's interval; not shrunk
         * since an earlier release: its lower bound), and the older withheld cells whose figures are all unchanged
         * in it, to be checked again.
         */
        private ReaderModel read(List<Release> releases, ReleaseHistory history) {
            int last = releases.size() - 1;
            ReaderModel model = new ReaderModel(history);
            // The release before is read with it, as one system: each release its own variables, the later at least
            // the earlier wherever a figure did not shrink, so what the two print together binds both.
            for (int r = Math.max(0, last - 1); r <= last; r++) {
                model.read(releases.get(r).tables(), r, releases.get(r).policy());
            }
            model.close();
            for (Map.Entry<Integer, Map<String, Integer>> e : model.byRelease().entrySet()) {
                int r = e.getKey();
                for (Map.Entry<String, Integer> f : e.getValue().entrySet()) {
                    int v = f.getValue();
                    for (int j = 0; j < last; j++) {
                        double[] b = intervals.get(j).get(f.getKey());
                        if (b == null) {
                            continue;
                        }
                        boolean same = same(history, j, r, model, v);
                        // The interval comes from the release before only: it already holds what older releases
                        // implied of a figure that stayed put through it, and intervals taken from different
                        // releases for different figures (one back at its value of a year ago, one of last
                        // quarter) would let the new release's relations pin a cell no pattern of it can protect.
                        if (same && j == last - 1) {
                            model.rows.add(new ReaderModel.Row(f.getKey() + ": as release " + (j + 1) + " left it",
                                    new int[] {v}, new double[] {1}, b[0], b[1], true));
                        } else if (j < r && (same || history.grew(j, r, model.measureOf(v).id(), model.yearOf(v),
                                model.dimsOf(v)))) {
                            model.rows.add(new ReaderModel.Row(f.getKey() + ": at least what release " + (j + 1)
                                    + " left it", new int[] {v}, new double[] {1}, b[0], INF, true));
                        }
                    }
                }
            }
            // Older releases that withheld the same figures list them once, under the first of them (the release
            // before this one is in the model with its own cells).
            Set<String> forms = new HashSet<>();
            for (int j = 0; j < last - 1; j++) {
                for (Withheld w : withheld.get(j)) {
                    int[] vars = new int[w.figures().size()];
                    boolean carried = true;
                    for (int k = 0; k < vars.length && carried; k++) {
                        Integer v = model.varOf(last, w.figures().get(k));
                        carried = v != null && same(history, j, last, model, v);
                        vars[k] = carried ? v : -1;
                    }
                    if (carried && forms.add(form(vars))) {
                        ReaderModel.Target t = w.target();
                        model.targets.add(new ReaderModel.Target(t.release(), t.table(), t.row(), t.column(),
                                t.display(), vars));
                    }
                }
            }
            return model;
        }

        private static String form(int[] vars) {
            int[] sorted = vars.clone();
            Arrays.sort(sorted);
            return Arrays.toString(sorted);
        }

        private static boolean same(ReleaseHistory history, int earlier, int later, ReaderModel model, int v) {
            String m = model.measureOf(v).id();
            return history.version(earlier, m, model.yearOf(v), model.dimsOf(v))
                    .equals(history.version(later, m, model.yearOf(v), model.dimsOf(v)));
        }
    }

    /**
     * The integer interval of every figure release {@code release} names: printed ones as printed, the rest from the
     * relaxation's optima where its vertex is whole (then it is the integer optimum), otherwise from CP-SAT.
     */
    private Map<String, double[]> figureIntervals(int release) {
        prepare();
        Map<String, double[]> out = new HashMap<>();
        for (int v : model.byRelease().get(release).values()) {
            double[] b;
            if (!free(v) || !regionHas(component[v])) {
                b = new double[] {lo[v], hi[v]};
            } else {
                IntegerRegion region = region(component[v]);
                List<Integer> one = List.of(v);
                b = new double[] {bound(region, one, false), bound(region, one, true)};
            }
            out.put(model.figure(v), b);
        }
        return out;
    }

    /**
     * The integer optimum one way: the relaxation's where its vertex was whole and kept, or where a whole point
     * reaches its optimum rounded; else CP-SAT's.
     */
    private static double bound(IntegerRegion region, List<Integer> vars, boolean max) {
        IntegerRegion.Proposal p = region.propose(vars, max);
        boolean whole = !Double.isNaN(p.objective()) && p.fractional() == null;
        double value = whole ? p.objective() : region.optimum(vars, max, p);
        // An integer optimum is whole: the relaxation's floating point must not move a carried bound off it.
        return value >= IntegerRegion.NO_UPPER_BOUND - 0.5 ? INF : Math.rint(value);
    }

    private void close() {
        regions.values().forEach(IntegerRegion::close);
    }

    private AuditReport solve(List<Release> releases, Predicate<AuditCell> check, int p) {
        try {
            prepare();
            return cells(releases, check, p);
        } finally {
            close();
        }
    }

    /** Bounds from single-figure rows, the rows still saying something, components, and only feasible relations. */
    private void prepare() {
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
    }

    private AuditReport cells(List<Release> releases, Predicate<AuditCell> check, int p) {
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
     * Most small counts are shown p wide by points the relaxation proposes: per cell not yet shown wide, its lowest
     * and highest vertex (GLOP warm-starts, so cheap), each kept only if whole and checked. A cell the relaxation
     * itself holds narrower than p is narrower for whole numbers too: for a verdict it fails on those bounds. Where
     * the vertices are fractional, whole points near them are tried; what is left gets integer optima from CP-SAT
     * in {@link #interval}.
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
                if (verdictOnly) {
                    narrowByRelaxation.put(k, relaxed);
                }
                continue; // narrow whatever whole points are found: the integer optima say by how much
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
        return Math.abs(v - r) < SHOWN_WHOLE ? r : v;
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
            whole.close();
            // Printed figures first, then relations, each kept only if the whole stays feasible.
            List<ReaderModel.Row> ordered = new ArrayList<>(rows.stream().filter(ReaderModel.Row::fact).toList());
            ordered.addAll(rows.stream().filter(r -> !r.fact()).toList());
            List<ReaderModel.Row> ok = new ArrayList<>();
            for (ReaderModel.Row r : ordered) {
                ok.add(r);
                boolean feasible;
                try (IntegerRegion trial = new IntegerRegion(ok, lo, hi)) {
                    feasible = trial.feasible();
                }
                if (!feasible) {
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
            return span;
        }
        try {
            double[] optima = summed(form, (region, vars) -> new double[] {region.optimum(vars, false),
                region.optimum(vars, true)});
            return new double[] {optima[0], optima[1], 1};
        } catch (SolverFailure undecided) {
            // No optimum: show the span of the solutions found, which is narrower than p, so the cell counts as
            // failing and the release escalates or is refused (fail closed).
            return span(form);
        }
    }

    /** The span of Σ x over the integer solutions found so far (constants where nothing was solved). */
    private double[] span(int[] form) {
        double[] found = summed(form, IntegerRegion::span);
        return new double[] {found[0], found[1], 0};
    }

    /** [min, max] of Σ x over the form: its constants, plus what {@code part} gives for each component's share. */
    private double[] summed(int[] form, BiFunction<IntegerRegion, List<Integer>, double[]> part) {
        double[] fixed = constants(form);
        double min = fixed[0];
        double max = fixed[1];
        for (Map.Entry<Integer, List<Integer>> e : parts(form).entrySet()) {
            if (e.getKey() < 0) {
                continue;
            }
            double[] s = part.apply(region(e.getKey()), e.getValue());
            min += s[0];
            max += s[1];
        }
        return new double[] {min, max};
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
