package org.cscstats.suppression.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The attacker, written apart from the protection code: from printed tables alone (displayed strings, table
 * shapes, the relations of {@code measures.md}) it derives, by linear programming with ojAlgo (a different LP
 * engine from the one protection uses), the interval [min, max] of every withheld cell. Relations the printed
 * figures contradict are reported and left out. For operators only: it shows how much each cell is pinned.
 */
public final class Audit {

    /**
     * The LP engine: our warm-started simplex (many objectives over one region, fast), or ojAlgo's (a different
     * implementation, slower: used to cross-check the first in tests).
     */
    public enum Engine { SIMPLEX, OJALGO }

    static final double TOL = 1e-7;
    private static final double INF = Double.POSITIVE_INFINITY;

    public static final String ATTACKER = "Linear programming over every printed figure (integrality relaxed): "
            + "each breakdown adds up to its total and every code list is complete (measures.md relation 1, "
            + "ethnicities to their group, years to multi-year totals); referral outcomes add up to referrals "
            + "(relation 2); outcomes nfa + other <= referrals assessed <= referrals - no-assessment (relation 3); "
            + "every count >= 0; every symbol's stated bound; a rounded figure's range.";

    private final ReaderModel model;
    private final double[] lo;
    private final double[] hi;
    private final List<Violation> violations = new ArrayList<>();
    private final List<ReaderModel.Row> active = new ArrayList<>();
    private int[] component;

    private final Engine engine;
    private final java.util.Map<Integer, Session> sessions = new java.util.HashMap<>();

    private Audit(ReaderModel model, Engine engine) {
        this.model = model;
        this.engine = engine;
        int n = model.vars.size();
        lo = new double[n];
        hi = new double[n];
        Arrays.fill(hi, INF);
    }

    /** Audits one release's (or one reply's) tables printed under {@code policy}. */
    public static AuditReport run(List<PublishedTable> tables, Policy policy) {
        return runReleases(List.of(tables), policy);
    }

    /**
     * Audits several releases read together: completed years are taken to be the same figures in each, years in
     * progress differ between releases.
     */
    public static AuditReport runReleases(List<List<PublishedTable>> releases, Policy policy) {
        return runReleases(releases, policy, c -> true);
    }

    /** Audits only the withheld cells {@code which} accepts (the attacker still reads every figure). */
    public static AuditReport run(List<PublishedTable> tables, Policy policy, Predicate<AuditCell> which) {
        return runReleases(List.of(tables), policy, which);
    }

    public static AuditReport runReleases(List<List<PublishedTable>> releases, Policy policy,
            Predicate<AuditCell> which) {
        return runReleases(releases, policy, which, Engine.SIMPLEX);
    }

    public static AuditReport runReleases(List<List<PublishedTable>> releases, Policy policy,
            Predicate<AuditCell> which, Engine engine) {
        ReaderModel model = new ReaderModel(policy);
        for (int i = 0; i < releases.size(); i++) {
            model.read(releases.get(i), releases.size() > 1 ? "release-" + (i + 1) : null);
        }
        model.close();
        return new Audit(model, engine).solve(which);
    }

    private AuditReport solve(Predicate<AuditCell> which) {
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
        for (ReaderModel.Target t : model.targets) {
            if (!which.test(new AuditCell(t.table(), t.row(), t.column(), t.display(), 0, null))) {
                continue;
            }
            double[] b = interval(t.vars());
            cells.add(new AuditCell(t.table(), t.row(), t.column(), t.display(), clean(b[0]),
                    b[1] == INF ? null : clean(b[1])));
        }
        return new AuditReport(ATTACKER, cells, violations);
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
        java.util.TreeMap<Integer, List<ReaderModel.Row>> byComp = new java.util.TreeMap<>();
        for (ReaderModel.Row r : active) {
            byComp.computeIfAbsent(componentOf(r), k -> new ArrayList<>()).add(r);
        }
        List<ReaderModel.Row> kept = new ArrayList<>();
        for (List<ReaderModel.Row> rows : byComp.values()) {
            if (feasible(rows)) {
                kept.addAll(rows);
                continue;
            }
            // Printed figures first, then relations, each kept only if the whole stays feasible.
            List<ReaderModel.Row> ordered = new ArrayList<>(rows.stream().filter(ReaderModel.Row::fact).toList());
            ordered.addAll(rows.stream().filter(r -> !r.fact()).toList());
            List<ReaderModel.Row> ok = new ArrayList<>();
            for (ReaderModel.Row r : ordered) {
                ok.add(r);
                if (!feasible(ok)) {
                    ok.remove(ok.size() - 1);
                    violations.add(new Violation(r.origin(), "contradicts the printed figures and the relations kept"));
                }
            }
            kept.addAll(ok);
        }
        active.clear();
        active.addAll(kept);
    }

    private boolean feasible(List<ReaderModel.Row> rows) {
        if (engine == Engine.OJALGO) {
            return new Lp(rows).model.minimise().getState().isFeasible();
        }
        return new Session(rows).simplex != null;
    }

    /** [min, max] of Σ x over the form: constants plus, per component, an LP over the rows of that component. */
    private double[] interval(int[] form) {
        double min = 0;
        double max = 0;
        java.util.TreeMap<Integer, List<Integer>> parts = new java.util.TreeMap<>();
        for (int v : form) {
            if (free(v)) {
                parts.computeIfAbsent(component[v], k -> new ArrayList<>()).add(v);
            } else {
                min += lo[v];
                max += lo[v];
            }
        }
        for (var e : parts.entrySet()) {
            double[] b;
            if (engine == Engine.OJALGO) {
                b = new Lp(rowsOf(e.getKey())).bounds(e.getValue());
            } else {
                b = sessions.computeIfAbsent(e.getKey(), k -> new Session(rowsOf(k))).bounds(e.getValue());
            }
            min += b[0];
            max += b[1];
        }
        return new double[] {min, max};
    }

    private List<ReaderModel.Row> rowsOf(int comp) {
        return active.stream().filter(r -> componentOf(r) == comp).toList();
    }

    /** One component as a bounded simplex, made feasible once and then minimised for each objective in turn. */
    private final class Session {
        final java.util.Map<Integer, Integer> col = new java.util.HashMap<>();
        final org.cscstats.suppression.lp.BoundedSimplex simplex;

        Session(List<ReaderModel.Row> rows) {
            org.cscstats.suppression.lp.LinearProgram lp = new org.cscstats.suppression.lp.LinearProgram();
            for (ReaderModel.Row r : rows) {
                int[] idx = new int[r.vars().length];
                double[] cf = new double[r.vars().length];
                int n = 0;
                double constant = 0;
                for (int k = 0; k < r.vars().length; k++) {
                    int v = r.vars()[k];
                    if (free(v)) {
                        idx[n] = col.computeIfAbsent(v, key -> lp.addVariable(lo[key], hi[key], 0, start(key)));
                        cf[n++] = r.coefs()[k];
                    } else {
                        constant += r.coefs()[k] * lo[v];
                    }
                }
                idx = Arrays.copyOf(idx, n);
                cf = Arrays.copyOf(cf, n);
                if (r.lo() == r.hi()) {
                    lp.addRow(idx, cf, org.cscstats.suppression.lp.LinearProgram.Sense.EQ, r.lo() - constant);
                    continue;
                }
                if (r.lo() != -INF) {
                    lp.addRow(idx, cf, org.cscstats.suppression.lp.LinearProgram.Sense.GE, r.lo() - constant);
                }
                if (r.hi() != INF) {
                    lp.addRow(idx, cf, org.cscstats.suppression.lp.LinearProgram.Sense.LE, r.hi() - constant);
                }
            }
            simplex = org.cscstats.suppression.lp.BoundedSimplex.feasible(lp);
        }

        /**
         * Where a variable starts: the middle of a rounded figure's range (near the truth, so phase 1 has little
         * to repair), or its lower bound.
         */
        private double start(int v) {
            return hi[v] == INF ? lo[v] : Math.floor((lo[v] + hi[v]) / 2);
        }

        double[] bounds(List<Integer> form) {
            double min = 0;
            double max = 0;
            List<Integer> inRows = new ArrayList<>();
            for (int v : form) {
                if (col.containsKey(v)) {
                    inRows.add(v);
                } else {
                    // In no row that says anything: only its own bounds hold.
                    min += lo[v];
                    max += hi[v];
                }
            }
            if (inRows.isEmpty()) {
                return new double[] {min, max};
            }
            int[] idx = new int[inRows.size()];
            double[] up = new double[idx.length];
            double[] down = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = col.get(inRows.get(k));
                up[k] = 1;
                down[k] = -1;
            }
            min += simplex.minimise(idx, up);
            max += -simplex.minimise(idx, down);
            return new double[] {min, max};
        }
    }

    /** One component's LP in ojAlgo: free variables with their bounds, fixed ones folded into the row bounds. */
    private final class Lp {
        final ExpressionsBasedModel model = new ExpressionsBasedModel();
        final java.util.Map<Integer, Variable> vars = new java.util.HashMap<>();

        Lp(List<ReaderModel.Row> rows) {
            int i = 0;
            for (ReaderModel.Row r : rows) {
                Expression e = model.addExpression("r" + i++);
                double constant = 0;
                for (int k = 0; k < r.vars().length; k++) {
                    int v = r.vars()[k];
                    if (free(v)) {
                        e.set(variable(v), r.coefs()[k]);
                    } else {
                        constant += r.coefs()[k] * lo[v];
                    }
                }
                if (r.lo() != -INF) {
                    e.lower(r.lo() - constant);
                }
                if (r.hi() != INF) {
                    e.upper(r.hi() - constant);
                }
            }
        }

        Variable variable(int v) {
            return vars.computeIfAbsent(v, k -> {
                Variable x = model.addVariable("x" + k).lower(lo[k]);
                if (hi[k] != INF) {
                    x.upper(hi[k]);
                }
                return x;
            });
        }

        double[] bounds(List<Integer> form) {
            Expression obj = model.addExpression("objective").weight(1);
            for (int v : form) {
                obj.set(variable(v), 1);
            }
            Optimisation.Result min = model.copy().minimise();
            Optimisation.Result max = model.copy().maximise();
            // A failed solve must not pass for a wide interval: the audit would then hide a leak.
            if (!min.getState().isOptimal()) {
                throw new IllegalStateException("audit LP (min) ended " + min.getState());
            }
            if (max.getState() == Optimisation.State.UNBOUNDED) {
                return new double[] {min.getValue(), INF};
            }
            if (!max.getState().isOptimal()) {
                throw new IllegalStateException("audit LP (max) ended " + max.getState());
            }
            return new double[] {min.getValue(), max.getValue()};
        }
    }
}
