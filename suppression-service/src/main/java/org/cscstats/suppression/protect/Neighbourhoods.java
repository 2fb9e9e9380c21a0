package org.cscstats.suppression.protect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Where to look for a witness or a repair for a cell: the tables printing it, then tables tied to it, widening in
 * levels. Searching a neighbourhood rather than the whole release keeps the LPs small; since every unknown outside
 * stays at its true value, anything found there holds for the whole release.
 */
final class Neighbourhoods {

    /**
     * Levels: 1 the tables printing x; 2 also the tables printing a figure in a constraint with x; 3 also the
     * tables linked to the first ones by any constraint (sharing a figure, or a figure in one constraint with one
     * of theirs); 4 also those linked to these.
     */
    static final int LEVELS = 4;
    /** Scopes larger than this are not tried: the dense tableau would get too big. */
    static final int MAX_SCOPE = 3000;

    private final LinkedSystem sys;
    private final int[][] tablesOf;
    private final int[][] tableUnknowns;
    private final int[][] linkedTables;
    private final int[] seen;
    private int stamp;

    Neighbourhoods(LinkedSystem sys) {
        this.sys = sys;
        int n = sys.size();
        seen = new int[n];
        List<LinkedSystem.Binding> bs = sys.bindings();
        tableUnknowns = new int[bs.size()][];
        List<List<Integer>> tl = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            tl.add(new ArrayList<>());
        }
        for (int b = 0; b < bs.size(); b++) {
            tableUnknowns[b] = java.util.Arrays.stream(bs.get(b).unknowns()).distinct().sorted().toArray();
            for (int u : tableUnknowns[b]) {
                tl.get(u).add(b);
            }
        }
        tablesOf = new int[n][];
        for (int u = 0; u < n; u++) {
            tablesOf[u] = tl.get(u).stream().mapToInt(Integer::intValue).toArray();
        }
        List<TreeSet<Integer>> links = new ArrayList<>();
        for (int b = 0; b < bs.size(); b++) {
            links.add(new TreeSet<>());
        }
        for (Constraint c : sys.constraints()) {
            TreeSet<Integer> ts = new TreeSet<>();
            for (int u : c.vars()) {
                for (int b : tablesOf[u]) {
                    ts.add(b);
                }
            }
            for (int b : ts) {
                links.get(b).addAll(ts);
            }
        }
        linkedTables = new int[bs.size()][];
        for (int b = 0; b < bs.size(); b++) {
            linkedTables[b] = links.get(b).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The unknowns of the level's tables that {@code eligible} accepts, with the untabled figures tied to them, plus
     * (if {@code component} is not null) x's component of unknowns it accepts; ascending, without x; null if too big
     * to solve.
     */
    int[] scope(int x, int level, IntPredicate eligible, IntPredicate component) {
        stamp++;
        List<Integer> out = new ArrayList<>();
        seen[x] = stamp;
        for (int b : tables(x, level)) {
            for (int u : tableUnknowns[b]) {
                if (seen[u] != stamp && eligible.test(u)) {
                    seen[u] = stamp;
                    out.add(u);
                }
            }
        }
        untabled(x, out, eligible);
        if (component != null) {
            componentInto(x, out, component);
        }
        return out.size() > MAX_SCOPE ? null : out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Adds the figures no table of this release prints (an earlier release's values, cells only implied) that are
     * tied to the scope through such figures: an earlier release's relations hold its versions together, so a
     * repair that moves a printed cell must be able to move them too.
     */
    private void untabled(int x, List<Integer> out, IntPredicate eligible) {
        List<Integer> seeds = new ArrayList<>(out);
        seeds.add(x);
        spread(seeds, out, w -> tablesOf[w].length == 0 && eligible.test(w));
    }

    /** The unknowns linked to x through constraints over unknowns {@code through} accepts; null if too big. */
    int[] component(int x, IntPredicate through) {
        stamp++;
        seen[x] = stamp;
        List<Integer> out = new ArrayList<>();
        componentInto(x, out, through);
        return out.size() > MAX_SCOPE ? null : out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private void componentInto(int x, List<Integer> out, IntPredicate through) {
        List<Integer> seeds = new ArrayList<>();
        seeds.add(x);
        out.stream().filter(through::test).forEach(seeds::add);
        spread(seeds, out, through);
    }

    /**
     * Adds to {@code out} every unknown {@code admit} accepts that constraints tie to a seed, directly or through
     * unknowns added before it; stops once {@code out} is past {@link #MAX_SCOPE}.
     */
    private void spread(List<Integer> seeds, List<Integer> out, IntPredicate admit) {
        ArrayDeque<Integer> queue = new ArrayDeque<>(seeds);
        while (!queue.isEmpty() && out.size() <= MAX_SCOPE) {
            int u = queue.poll();
            for (int k : sys.constraintsOf(u)) {
                for (int w : sys.constraints().get(k).vars()) {
                    if (seen[w] != stamp && admit.test(w)) {
                        seen[w] = stamp;
                        queue.add(w);
                        out.add(w);
                    }
                }
            }
        }
    }

    private TreeSet<Integer> tables(int x, int level) {
        TreeSet<Integer> tables = seedTables(x);
        if (level >= 2) {
            for (int k : sys.constraintsOf(x)) {
                for (int u : sys.constraints().get(k).vars()) {
                    for (int b : tablesOf[u]) {
                        tables.add(b);
                    }
                }
            }
        }
        for (int l = 3; l <= level; l++) {
            for (int b : new ArrayList<>(tables)) {
                for (int b2 : linkedTables[b]) {
                    tables.add(b2);
                }
            }
        }
        return tables;
    }

    /**
     * The tables printing x; for a figure no table of this release prints (an earlier release's, or one only
     * implied), the tables printing the figures it is tied to through unprinted ones.
     */
    private TreeSet<Integer> seedTables(int x) {
        TreeSet<Integer> tables = new TreeSet<>();
        for (int b : tablesOf[x]) {
            tables.add(b);
        }
        if (!tables.isEmpty()) {
            return tables;
        }
        Set<Integer> visited = new HashSet<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(x);
        visited.add(x);
        while (!queue.isEmpty() && visited.size() < MAX_SCOPE) {
            int u = queue.poll();
            for (int k : sys.constraintsOf(u)) {
                for (int w : sys.constraints().get(k).vars()) {
                    if (visited.add(w)) {
                        if (tablesOf[w].length > 0) {
                            for (int b : tablesOf[w]) {
                                tables.add(b);
                            }
                        } else {
                            queue.add(w);
                        }
                    }
                }
            }
        }
        return tables;
    }
}
