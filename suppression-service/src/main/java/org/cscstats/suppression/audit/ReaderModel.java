package org.cscstats.suppression.audit;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;
import org.cscstats.contract.Relation;
import org.cscstats.suppression.catalogue.Header;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/**
 * What a reader can write down from printed tables alone: one variable per figure a table position names
 * (measure, year, codes), a row {@code lo ≤ Σ x ≤ hi} per printed cell (its value, the range a rounded value
 * stands for, or the bound its symbol states), and the relations of {@code docs/measures.md} they know (breakdowns add
 * up, ethnicities add up to their group, relations 2 and 3 from {@link Relation#ALL}), closed over every figure
 * they mention. Two consecutive releases are read into one model: each release's figures are variables of their own,
 * and where the {@link ReleaseHistory} says a figure did not shrink, the later is at least the earlier (what older
 * releases let the attacker know is added as bounds on figures: Audit.Knowledge). Written independently of the protection code, from the displayed strings and the table shapes
 * (that the two re-derive the same relations is deliberate: a bug in one is not repeated in the other).
 */
final class ReaderModel {

    /** {@code lo ≤ Σ coefs·x ≤ hi}; a printed cell's row carries the cell it came from. */
    record Row(String origin, int[] vars, double[] coefs, double lo, double hi, boolean fact) {
    }

    /** A withheld cell of release {@code release} to bound. */
    record Target(int release, String table, String row, String column, String display, int[] vars) {
    }

    final List<String> vars = new ArrayList<>();
    final Map<String, Integer> index = new HashMap<>();
    final List<Row> rows = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();
    private final List<Map<String, String>> dimsOf = new ArrayList<>();
    private final List<Measure> measureOf = new ArrayList<>();
    private final List<String> yearOf = new ArrayList<>();
    private final Set<String> rowKeys = new HashSet<>();
    private final Set<String> rowShapes = new HashSet<>();
    /** (variable, release) pairs whose relations are still to be written down. */
    private final ArrayDeque<int[]> queue = new ArrayDeque<>();
    private final Set<Long> queued = new HashSet<>();
    /** Per figure (without release), the variable it is in each release that names it. */
    private final Map<String, TreeMap<Integer, Integer>> versions = new TreeMap<>();
    private final ReleaseHistory history;
    private Policy policy;

    ReaderModel(ReleaseHistory history) {
        this.history = history;
    }

    /** The figure a variable stands for, without its release: measure, year and codes. */
    String figure(int v) {
        String key = vars.get(v);
        return key.substring(0, key.lastIndexOf('@'));
    }

    /** The variable a figure is in release {@code release}, or null if that release's model does not name it. */
    Integer varOf(int release, String figure) {
        TreeMap<Integer, Integer> byRelease = versions.get(figure);
        return byRelease == null ? null : byRelease.get(release);
    }

    /** The releases read, each with the variables it names (figure → variable). */
    Map<Integer, Map<String, Integer>> byRelease() {
        Map<Integer, Map<String, Integer>> out = new TreeMap<>();
        versions.forEach((figure, rs) -> rs.forEach((r, v) -> out.computeIfAbsent(r, x -> new TreeMap<>())
                .put(figure, v)));
        return out;
    }

    Measure measureOf(int v) {
        return measureOf.get(v);
    }

    String yearOf(int v) {
        return yearOf.get(v);
    }

    Map<String, String> dimsOf(int v) {
        return dimsOf.get(v);
    }

    /** Reads release number {@code release} (0 = the oldest read), printed under {@code printedUnder}. */
    void read(List<PublishedTable> tables, int release, Policy printedUnder) {
        this.policy = printedUnder;
        for (PublishedTable t : tables) {
            Measure m = Measure.byId(t.measure());
            if (m == Measure.CASELOAD) {
                continue; // outside the linked system: no relation ties it to anything
            }
            int nr = t.rows().size();
            int nc = t.columns().size();
            for (int r = 0; r <= nr; r++) {
                for (int c = 0; c <= nc; c++) {
                    PublishedCell cell = t.at(r, c);
                    if (cell != null) {
                        position(t, m, r, c, cell, release);
                    }
                }
            }
        }
    }

    private void position(PublishedTable t, Measure m, int r, int c, PublishedCell cell, int release) {
        Map<String, String> dims = new TreeMap<>();
        List<Header> years = new ArrayList<>();
        if (t.fixedYear() != null) {
            years.add(new Header(t.fixedYear(), t.fixedYear(), t.fixedPartial()));
        }
        axis(t.rowDimension(), t.rows(), r, dims, years);
        axis(t.columnDimension(), t.columns(), c, dims, years);
        int[] form = new int[years.size()];
        for (int k = 0; k < form.length; k++) {
            Header y = years.get(k);
            form[k] = var(m, y.code(), dims, release);
        }
        String rowCode = r < t.rows().size() ? t.rows().get(r).code() : "total";
        String colCode = c < t.columns().size() ? t.columns().get(c).code() : "total";
        double[] ones = new double[form.length];
        java.util.Arrays.fill(ones, 1);
        String origin = t.table() + " [" + rowCode + ", " + colCode + "] = " + cell.display();
        double[] b = bounds(cell);
        if (b != null) {
            rows.add(new Row(origin, form, ones, b[0], b[1], true));
        }
        if (cell.isSuppressed() || (b != null && !looksNumeric(cell.display().trim()))) {
            targets.add(new Target(release, t.table(), rowCode, colCode, cell.display(), form));
        }
    }

    private static void axis(String dim, List<Header> headers, int i, Map<String, String> dims, List<Header> years) {
        if (dim == null) {
            return;
        }
        boolean total = i >= headers.size();
        if (dim.equals(Dimension.FY.id())) {
            if (total) {
                years.addAll(headers);
            } else {
                years.add(headers.get(i));
            }
        } else if (!total) {
            dims.put(dim, headers.get(i).code());
        }
    }

    /** The range a printed cell states, or null if it states nothing (e.g. {@code [z]}). */
    private double[] bounds(PublishedCell cell) {
        String d = cell.display().trim();
        double inf = Double.POSITIVE_INFINITY;
        int t = policy.threshold();
        int zmin = policy.zerosShown() ? 1 : 0;
        if (cell.isSuppressed() || !looksNumeric(d)) {
            // Only a primary symbol distinct from [c] states a range; [c], [x], [z] state nothing.
            if (policy.symbolsDistinct() && d.equals(policy.primarySymbol())) {
                return new double[] {zmin, t - 1};
            }
            return null;
        }
        double v = new BigDecimal(d.replace(",", "")).doubleValue();
        if (policy.rounding() == null || v == 0) {
            return new double[] {v, v};
        }
        // A rounded r stands for [r − ⌊b/2⌋, r + ⌈b/2⌉ − 1]; a printed non-zero figure is never a small count.
        int b = policy.rounding();
        return new double[] {Math.max(v - b / 2, t), v + (b + 1) / 2 - 1};
    }

    private static boolean looksNumeric(String d) {
        return d.matches("-?[0-9][0-9,]*(\\.[0-9]+)?");
    }

    /** The variable of a figure as release {@code release} prints it; its relations in that release follow. */
    private int var(Measure m, String year, Map<String, String> dims, int release) {
        StringBuilder base = new StringBuilder(m.id()).append('|').append(year).append('|');
        dims.forEach((k, v) -> base.append(k).append('=').append(v).append(';'));
        String key = base + "@" + release;
        Integer i = index.get(key);
        if (i == null) {
            i = vars.size();
            vars.add(key);
            index.put(key, i);
            dimsOf.add(new TreeMap<>(dims));
            measureOf.add(m);
            yearOf.add(year);
        }
        if (queued.add(((long) i << 20) | release)) {
            queue.add(new int[] {i, release});
        }
        versions.computeIfAbsent(base.toString(), k -> new TreeMap<>()).put(release, i);
        return i;
    }

    /** Adds every relation the reader knows about the figures named so far, and about those they name, and so on. */
    void close() {
        while (!queue.isEmpty()) {
            int[] next = queue.poll();
            int v = next[0];
            release = next[1];
            Measure m = measureOf.get(v);
            String y = yearOf.get(v);
            Map<String, String> dims = dimsOf.get(v);
            for (String d : new ArrayList<>(dims.keySet())) {
                addUp(m, y, dims, d);
            }
            if (dims.containsKey(Dimension.ETHNIC_GROUP.id())) {
                group(m, y, dims);
            }
            knownRelations(m, y, dims);
        }
        growth();
    }

    /** The release whose relations are being written down. */
    private int release;

    /**
     * Where a figure did not shrink between two releases (the history says it is the same or grew), the later is at
     * least the earlier. Each release keeps its own variable even where the value is the same: that the attacker
     * knows which figures stayed put is not assumed (docs/disclosure.md › How we read rule 5).
     */
    private void growth() {
        for (Map.Entry<String, TreeMap<Integer, Integer>> e : versions.entrySet()) {
            List<Map.Entry<Integer, Integer>> seen = new ArrayList<>(e.getValue().entrySet());
            int v0 = seen.get(0).getValue();
            for (int i = 0; i < seen.size(); i++) {
                for (int j = i + 1; j < seen.size(); j++) {
                    int a = seen.get(i).getValue();
                    int b = seen.get(j).getValue();
                    int ri = seen.get(i).getKey();
                    int rj = seen.get(j).getKey();
                    String m = measureOf.get(v0).id();
                    boolean same = history.version(ri, m, yearOf.get(v0), dimsOf.get(v0))
                            .equals(history.version(rj, m, yearOf.get(v0), dimsOf.get(v0)));
                    if (same || history.grew(ri, rj, m, yearOf.get(v0), dimsOf.get(v0))) {
                        add(new Row(e.getKey() + ": release " + (seen.get(j).getKey() + 1) + " at least release "
                                + (seen.get(i).getKey() + 1), new int[] {b, a}, new double[] {1, -1}, 0,
                                Double.POSITIVE_INFINITY, false));
                    }
                }
            }
        }
    }

    /** Keeps one copy of each relation (releases that print the same figures repeat them). */
    private void add(Row r) {
        if (rowShapes.add(java.util.Arrays.toString(r.vars()) + java.util.Arrays.toString(r.coefs()) + r.lo() + ","
                + r.hi())) {
            rows.add(r);
        }
    }

    /** Relation 1: the codes of one dimension add up to the figure without it. */
    private void addUp(Measure m, String y, Map<String, String> dims, String d) {
        Map<String, String> rest = new TreeMap<>(dims);
        rest.remove(d);
        String key = release + "|sum|" + m.id() + "|" + y + "|" + rest + "|" + d;
        if (!rowKeys.add(key)) {
            return;
        }
        List<Code> codes = Dimension.byId(d).codes();
        int[] vs = new int[codes.size() + 1];
        double[] cs = new double[vs.length];
        for (int k = 0; k < codes.size(); k++) {
            Map<String, String> member = new TreeMap<>(rest);
            member.put(d, codes.get(k).code());
            vs[k] = var(m, y, member, release);
            cs[k] = 1;
        }
        vs[codes.size()] = var(m, y, rest, release);
        cs[codes.size()] = -1;
        add(new Row(m.id() + " " + y + " " + rest + ": " + d + " adds up to its total", vs, cs, 0, 0, false));
    }

    /** Relation 1: the ethnicities of a group add up to it. */
    private void group(Measure m, String y, Map<String, String> dims) {
        String key = release + "|group|" + m.id() + "|" + y + "|" + dims;
        if (!rowKeys.add(key)) {
            return;
        }
        Map<String, String> rest = new TreeMap<>(dims);
        String g = rest.remove(Dimension.ETHNIC_GROUP.id());
        List<Integer> vs = new ArrayList<>();
        for (Code e : Dimension.ETHNICITY.codes()) {
            if (CodeLists.ethnicGroup(e.code()).equals(g)) {
                Map<String, String> member = new TreeMap<>(rest);
                member.put(Dimension.ETHNICITY.id(), e.code());
                vs.add(var(m, y, member, release));
            }
        }
        vs.add(var(m, y, dims, release));
        double[] cs = new double[vs.size()];
        java.util.Arrays.fill(cs, 1);
        cs[cs.length - 1] = -1;
        add(new Row(m.id() + " " + y + " " + dims + ": ethnicities add up to their group",
                vs.stream().mapToInt(Integer::intValue).toArray(), cs, 0, 0, false));
    }

    /** Relations 2 and 3, for the same year and the same code of one dimension (or the total). */
    private void knownRelations(Measure m, String y, Map<String, String> dims) {
        Map<String, String> other = new TreeMap<>(dims);
        other.remove(Dimension.OUTCOME.id());
        if (other.size() > 1) {
            return;
        }
        String dim = other.isEmpty() ? null : other.keySet().iterator().next();
        for (Relation rel : Relation.ALL) {
            boolean mentions = rel.terms().stream().anyMatch(t -> t.measure() == m);
            boolean applies = dim == null || rel.over().stream().anyMatch(d -> d.id().equals(dim));
            if (!mentions || !applies) {
                continue;
            }
            String key = release + "|rel|" + rel.id() + "|" + y + "|" + other;
            if (!rowKeys.add(key)) {
                continue;
            }
            Map<Integer, Double> lhs = new TreeMap<>();
            for (Relation.Term term : rel.terms()) {
                List<String> outcomes = term.outcome() == null ? java.util.Collections.singletonList(null)
                        : term.outcome().equals(Relation.ALL_OUTCOMES)
                                ? CodeLists.OUTCOMES.stream().map(Code::code).toList() : List.of(term.outcome());
                for (String o : outcomes) {
                    Map<String, String> cell = new TreeMap<>(other);
                    if (o != null) {
                        cell.put(Dimension.OUTCOME.id(), o);
                    }
                    lhs.merge(var(term.measure(), y, cell, release), (double) term.coefficient(), Double::sum);
                }
            }
            int[] vs = lhs.keySet().stream().mapToInt(Integer::intValue).toArray();
            double[] cs = lhs.values().stream().mapToDouble(Double::doubleValue).toArray();
            double inf = Double.POSITIVE_INFINITY;
            double lo = rel.sense() == Relation.Sense.LE ? -inf : 0;
            double hi = rel.sense() == Relation.Sense.GE ? inf : 0;
            add(new Row(rel.description() + " (" + y + (dim == null ? "" : ", " + other) + ")", vs, cs, lo, hi,
                    false));
        }
    }
}
