package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;
import org.cscstats.contract.Relation;

/**
 * The relations a reader knows (docs/measures.md › Relations a reader knows) for one release and year, over the breakdowns the shape carries:
 * every breakdown sums to its total, ethnicities to their group, outcomes × a dimension to that dimension's cell
 * (relation 1), and the published relations 2 and 3 of {@link Relation#ALL}.
 */
final class CubeRelations {
    private final CubeShape shape;
    private final VariableSpace vars;

    CubeRelations(CubeShape shape, VariableSpace vars) {
        this.shape = shape;
        this.vars = vars;
    }

    /** Adds a variable for every carried cell of every measure in the release's years. */
    void declare(int release) {
        for (String fy : shape.years(release)) {
            for (Measure m : shape.measures()) {
                for (List<Dimension> b : shape.of(m, fy)) {
                    for (String key : Breakdowns.keys(b)) {
                        vars.add(release, new Cell(m, fy, key));
                    }
                }
            }
        }
    }

    List<Constraint> of(int release) {
        List<Constraint> out = new ArrayList<>();
        for (String fy : shape.years(release)) {
            for (Measure m : shape.measures()) {
                for (List<Dimension> b : shape.of(m, fy)) {
                    breakdown(release, m, fy, b, out);
                }
            }
            for (Relation r : Relation.ALL) {
                relation(release, fy, r, out);
            }
        }
        return out;
    }

    private void breakdown(int release, Measure m, String fy, List<Dimension> b, List<Constraint> out) {
        String why = m.id() + " " + fy + " by " + b;
        if (b.size() == 1) {
            Dimension d = b.get(0);
            if (d == Dimension.ETHNIC_GROUP) {
                groups(release, m, fy, null, null, out);
                return;
            }
            sum(release, m, fy, keysOf(null, null, d), CellKey.TOTAL, why, out);
        } else if (b.size() == 2) {
            Dimension a = b.get(0);
            Dimension d = b.get(1);
            if (d == Dimension.ETHNIC_GROUP) {
                for (Code ca : a.codes()) {
                    groups(release, m, fy, a, ca.code(), out);
                }
                return;
            }
            boolean aCarried = shape.carries(m, fy, List.of(a));
            boolean dCarried = shape.carries(m, fy, List.of(d));
            if (aCarried) {
                for (Code ca : a.codes()) {
                    sum(release, m, fy, keysOf(a, ca.code(), d), CellKey.of(a, ca.code()), why, out);
                }
            }
            if (dCarried) {
                for (Code cd : d.codes()) {
                    List<String> parts = new ArrayList<>();
                    for (Code ca : a.codes()) {
                        parts.add(CellKey.of(a, ca.code(), d, cd.code()));
                    }
                    sum(release, m, fy, parts, CellKey.of(d, cd.code()), why, out);
                }
            }
            if (!aCarried && !dCarried) {
                sum(release, m, fy, Breakdowns.keys(b), CellKey.TOTAL, why, out);
            }
        }
    }

    /** Ethnicities sum to their group (optionally within one code of a first dimension). */
    private void groups(int release, Measure m, String fy, Dimension a, String ca, List<Constraint> out) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Code e : CodeLists.ETHNICITIES) {
            String group = CodeLists.ethnicGroup(e.code());
            members.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(a == null ? CellKey.of(Dimension.ETHNICITY, e.code()) : CellKey.of(a, ca, Dimension.ETHNICITY, e.code()));
        }
        for (Map.Entry<String, List<String>> g : members.entrySet()) {
            String groupKey = a == null ? CellKey.of(Dimension.ETHNIC_GROUP, g.getKey())
                    : CellKey.of(a, ca, Dimension.ETHNIC_GROUP, g.getKey());
            sum(release, m, fy, g.getValue(), groupKey, m.id() + " " + fy + " ethnicities of " + g.getKey(), out);
        }
    }

    private static List<String> keysOf(Dimension a, String ca, Dimension d) {
        List<String> out = new ArrayList<>();
        for (Code c : d.codes()) {
            out.add(a == null ? CellKey.of(d, c.code()) : CellKey.of(a, ca, d, c.code()));
        }
        return out;
    }

    /** Σ parts − whole = 0, where every cell has a variable. */
    private void sum(int release, Measure m, String fy, List<String> parts, String whole, String why,
            List<Constraint> out) {
        int w = vars.of(release, new Cell(m, fy, whole));
        if (w < 0) {
            return;
        }
        int[] v = new int[parts.size() + 1];
        int[] c = new int[parts.size() + 1];
        for (int i = 0; i < parts.size(); i++) {
            v[i] = vars.of(release, new Cell(m, fy, parts.get(i)));
            if (v[i] < 0) {
                return;
            }
            c[i] = 1;
        }
        v[parts.size()] = w;
        c[parts.size()] = -1;
        out.add(Constraint.equal(v, c, 0, Constraint.Kind.BREAKDOWN, why));
    }

    /** One published relation, for the total and every code of each dimension it holds over. */
    private void relation(int release, String fy, Relation r, List<Constraint> out) {
        List<Dimension> over = new ArrayList<>();
        over.add(null);
        over.addAll(r.over());
        for (Dimension d : over) {
            List<Code> codes = d == null ? List.of(new Code("", "")) : d.codes();
            for (Code code : codes) {
                List<Integer> v = new ArrayList<>();
                List<Integer> c = new ArrayList<>();
                boolean complete = true;
                for (Relation.Term t : r.terms()) {
                    List<Integer> cells = termCells(release, fy, t, d, code.code());
                    if (cells == null) {
                        complete = false;
                        break;
                    }
                    for (int x : cells) {
                        v.add(x);
                        c.add(t.coefficient());
                    }
                }
                if (!complete) {
                    continue;
                }
                long lo = r.sense() == Relation.Sense.LE ? Constraint.OPEN_BELOW : 0;
                long hi = r.sense() == Relation.Sense.GE ? Constraint.OPEN_ABOVE : 0;
                out.add(Constraint.between(v.stream().mapToInt(Integer::intValue).toArray(),
                        c.stream().mapToInt(Integer::intValue).toArray(), lo, hi, Constraint.Kind.RELATION,
                        r.id() + " " + fy + (d == null ? "" : " " + d.id() + "=" + code.code())));
            }
        }
    }

    /** The variables a term stands for, or null where the model carries no such cells. */
    private List<Integer> termCells(int release, String fy, Relation.Term t, Dimension d, String code) {
        List<String> keys = new ArrayList<>();
        if (t.outcome() == null) {
            keys.add(d == null ? CellKey.TOTAL : CellKey.of(d, code));
        } else if (t.outcome().equals(Relation.ALL_OUTCOMES)) {
            String whole = d == null ? CellKey.TOTAL : CellKey.of(d, code);
            if (vars.of(release, new Cell(t.measure(), fy, whole)) >= 0) {
                keys.add(whole);
            } else {
                for (Code o : Dimension.OUTCOME.codes()) {
                    keys.add(d == null ? CellKey.of(Dimension.OUTCOME, o.code())
                            : CellKey.of(Dimension.OUTCOME, o.code(), d, code));
                }
            }
        } else {
            keys.add(d == null ? CellKey.of(Dimension.OUTCOME, t.outcome())
                    : CellKey.of(Dimension.OUTCOME, t.outcome(), d, code));
        }
        List<Integer> out = new ArrayList<>();
        for (String k : keys) {
            int x = vars.of(release, new Cell(t.measure(), fy, k));
            if (x < 0) {
                return null;
            }
            out.add(x);
        }
        return out;
    }
}
