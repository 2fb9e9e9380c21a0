package org.cscstats.attack.solve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.attack.model.AttackModel;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.model.Target;

/**
 * Attacks a model: presolves what the printed figures pin, splits the unknowns into connected components, and
 * solves each withheld figure's integer interval component by component.
 */
public final class Attack {
    /** No count in these tables comes near it: a maximum at the cap means nothing bounds the figure. */
    static final long CAP = 1_000_000;
    private static final boolean VERBOSE = Boolean.getBoolean("attack.verbose");

    private Attack() {
    }

    /** Figures about the solve itself, for the report. */
    public record Effort(int variables, int unknowns, int components, int largestComponent, int beliefsDropped,
            int componentsWithoutGrowth, int largestWithoutGrowth, int componentsWithoutNotes, int solves, int points, int integerSolves,
            int lpFallbacks, List<Constraint> contradictions, long millis) {
    }

    public record Outcome(List<TargetResult> results, Effort effort) {
    }

    public static Outcome run(AttackModel model) {
        long start = System.nanoTime();
        int n = model.variables().size();
        Presolve pre = new Presolve(n, model.constraints(), CAP);
        Components comps = new Components(n);
        for (Constraint c : pre.remaining) {
            comps.joinAll(c.variables(), v -> !pre.fixed(v));
        }
        for (Target t : model.targets()) {
            comps.joinAll(t.variables(), v -> !pre.fixed(v));
        }
        Map<Integer, List<Integer>> members = new HashMap<>();
        int unknowns = 0;
        for (int v = 0; v < n; v++) {
            if (!pre.fixed(v)) {
                unknowns++;
                members.computeIfAbsent(comps.find(v), r -> new ArrayList<>()).add(v);
            }
        }
        if (VERBOSE) {
            System.err.printf("%d variables, %d constraints; presolve leaves %d unknowns, %d constraints, %d beliefs dropped%n",
                    n, model.constraints().size(), unknowns, pre.remaining.size(), pre.beliefsDropped);
        }
        Map<Integer, List<Constraint>> constraintsOf = Components.group(pre.remaining,
                c -> comps.find(firstFree(c.variables(), pre)));
        List<Target> pinned = new ArrayList<>();
        List<Target> open = new ArrayList<>();
        for (Target t : model.targets()) {
            (firstFree(t.variables(), pre) < 0 ? pinned : open).add(t);
        }
        Map<Integer, List<Target>> targetsOf = Components.group(open, t -> comps.find(firstFree(t.variables(), pre)));
        Map<Target, Interval> intervals = new HashMap<>();
        for (Target t : pinned) {
            long value = 0;
            for (int v : t.variables()) {
                value += pre.lower[v];
            }
            intervals.put(t, Interval.exact(value));
        }
        int largest = 0;
        int dropped = pre.beliefsDropped;
        int integerSolves = 0;
        int fallbacks = 0;
        int withoutGrowth = 0;
        int largestWithoutGrowth = 0;
        int withoutNotes = 0;
        int solves = 0;
        int points = 0;
        for (Map.Entry<Integer, List<Target>> e : targetsOf.entrySet()) {
            List<Integer> vars = members.get(e.getKey());
            largest = Math.max(largest, vars.size());
            ComponentSolver solver = new ComponentSolver(vars, constraintsOf.getOrDefault(e.getKey(), List.of()), pre, CAP);
            int[] protection = e.getValue().stream().mapToInt(t -> model.policies().get(t.release()).protection()).toArray();
            long t0 = System.nanoTime();
            List<Interval> found = solver.solve(e.getValue(), protection);
            if (VERBOSE) {
                System.err.printf("component: %d unknowns, %d constraints, %d targets: %d solves, %d points, "
                        + "%d beliefs dropped by the elastic LP%s, %d ms%n", vars.size(),
                        constraintsOf.getOrDefault(e.getKey(), List.of()).size(), e.getValue().size(), solver.solves,
                        solver.points, solver.beliefsDroppedByElastic, solver.growthDropped ? ", ALL GROWTH DROPPED" : "",
                        (System.nanoTime() - t0) / 1_000_000);
            }
            for (int i = 0; i < found.size(); i++) {
                intervals.put(e.getValue().get(i), found.get(i));
            }
            dropped += solver.beliefsDropped;
            integerSolves += solver.integerSolves;
            fallbacks += solver.lpFallbacks;
            withoutGrowth += solver.growthDropped ? 1 : 0;
            if (solver.growthDropped) {
                largestWithoutGrowth = Math.max(largestWithoutGrowth, vars.size());
            }
            withoutNotes += solver.notesDropped ? 1 : 0;
            solves += solver.solves;
            points += solver.points;
        }
        List<TargetResult> results = new ArrayList<>();
        for (Target t : model.targets()) {
            results.add(new TargetResult(t, intervals.get(t)));
        }
        Effort effort = new Effort(n, unknowns, members.size(), largest, dropped, withoutGrowth, largestWithoutGrowth, withoutNotes, solves,
                points, integerSolves, fallbacks,
                pre.contradictions, (System.nanoTime() - start) / 1_000_000);
        return new Outcome(results, effort);
    }

    private static int firstFree(int[] vars, Presolve pre) {
        for (int v : vars) {
            if (!pre.fixed(v)) {
                return v;
            }
        }
        return -1;
    }
}
