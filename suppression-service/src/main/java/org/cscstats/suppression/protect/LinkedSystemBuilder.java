package org.cscstats.suppression.protect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Relation;
import org.cscstats.suppression.catalogue.CellRef;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;

/**
 * Builds the {@link LinkedSystem} of a release. Every printed figure becomes an unknown (one per distinct cube cell
 * or multi-year total); the system is then closed under the relations a reader knows ({@code docs/measures.md} › Relations a reader knows, 1–3):
 * a cell pulls in the rest of each breakdown it belongs to (all codes, summing to the cell without that
 * dimension) and every instance of {@link Relation#ALL} it takes part in, with their cells, until nothing new
 * appears. Cells pulled in but never printed stay unknowns the attacker has no value for. Unknowns a two-term
 * equality makes equal are merged.
 *
 * <p>An earlier release given with its cubes joins the same system (docs/disclosure.md › How we read rule 5; the
 * service joins the release just before). Its printed figures are facts about the cells as they were then: each
 * cell is an unknown of its own (key {@code r<n>:…}, n the first release with that value; releases with equal
 * values share it), closed under the relations of its own release; and where a count did not shrink between two
 * releases, the later one is at least the earlier. A count that shrank carries nothing over. An earlier release
 * given without cubes (the carried knowledge) only bounds today's unknowns, where its facts still hold.
 */
public final class LinkedSystemBuilder {

    private final CubeValues values;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private final List<CellRef> refs = new ArrayList<>();
    private final List<List<CellRef>> parts = new ArrayList<>();
    private final List<Long> vals = new ArrayList<>();
    private final List<Boolean> published = new ArrayList<>();
    private final List<Unknown.Tier> tiers = new ArrayList<>();
    private final List<Constraint> constraints = new ArrayList<>();
    private final Set<String> constraintKeys = new HashSet<>();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final List<Earlier> earlier;
    /** The index of this release among all of them: earlier releases are 0 … now − 1. */
    private final int now;
    private final List<Boolean> alsoProtect = new ArrayList<>();
    /** Per cell, the unknown it is in each release whose context named it: for the growth links. */
    private final Map<String, TreeMap<Integer, Integer>> versions = new HashMap<>();
    private final Set<String> queued = new HashSet<>();

    /** A cell still to close, read in the context of release {@code release}. */
    private record Pending(CellRef ref, int release) {
    }

    /**
     * What an earlier release told readers: its printed figures as facts, the policy it printed them under, and
     * (if kept) the cubes it was made from. Without its cubes, only its figures that still hold today are used.
     */
    public record Earlier(List<Fact> facts, CubeValues values, Policy policy) {
    }

    private LinkedSystemBuilder(CubeValues values, List<Earlier> earlier) {
        this.values = values;
        this.earlier = List.copyOf(earlier);
        this.now = earlier.size();
    }

    /**
     * @param tables the linked tables of the release (caseload excluded), in catalogue order
     * @param earlier every earlier release of the LA, oldest first (empty for the first release)
     */
    public static LinkedSystem build(List<TableSpec> tables, CubeValues values, List<Earlier> earlier) {
        return new LinkedSystemBuilder(values, earlier).run(tables);
    }

    public static LinkedSystem build(List<TableSpec> tables, CubeValues values) {
        return build(tables, values, List.of());
    }

    private LinkedSystem run(List<TableSpec> tables) {
        List<LinkedSystem.Binding> bindings = new ArrayList<>();
        for (TableSpec t : tables) {
            if (!t.linked()) {
                throw new IllegalArgumentException(t.id() + " is outside the linked system");
            }
            List<TableLayout.Slot> slots = TableLayout.slots(t);
            int[] ids = new int[slots.size()];
            for (int s = 0; s < slots.size(); s++) {
                TableLayout.Slot slot = slots.get(s);
                List<CellRef> rs = TableLayout.refs(t, slot.row(), slot.column());
                int u = rs.size() == 1 ? cell(rs.get(0)) : derived(rs);
                published.set(u, true);
                tiers.set(u, max(tiers.get(u), tierOf(slot.kind(), rs)));
                ids[s] = u;
            }
            bindings.add(new LinkedSystem.Binding(t, slots, ids));
        }
        for (int r = 0; r < now; r++) {
            for (Fact f : earlier.get(r).facts()) {
                for (CellRef ref : f.refs()) {
                    at(ref, r);
                }
            }
        }
        while (!queue.isEmpty()) {
            close(queue.pop());
        }
        long[] priorLo = new long[keys.size()];
        long[] priorHi = new long[keys.size()];
        Arrays.fill(priorHi, Long.MAX_VALUE);
        for (int r = 0; r < now; r++) {
            for (Fact f : earlier.get(r).facts()) {
                applyFact(f, r, priorLo, priorHi);
            }
        }
        growthLinks();
        return merged(bindings, priorLo, priorHi);
    }

    /** Between any two releases in which a cell did not shrink, the later figure is at least the earlier one. */
    private void growthLinks() {
        for (Map.Entry<String, TreeMap<Integer, Integer>> e : versions.entrySet()) {
            TreeMap<Integer, Integer> byRelease = new TreeMap<>(e.getValue());
            Integer current = index.get(e.getKey());
            if (current != null) {
                byRelease.put(now, current);
            }
            List<Map.Entry<Integer, Integer>> list = new ArrayList<>(byRelease.entrySet());
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    int a = list.get(i).getValue();
                    int b = list.get(j).getValue();
                    if (a != b && vals.get(b) >= vals.get(a)) {
                        addConstraint("grew|" + a + "|" + b, new int[] {b, a}, new int[] {1, -1}, Relation.Sense.GE,
                                0, "counts do not shrink: " + e.getKey());
                    }
                }
            }
        }
    }

    /**
     * Unknowns that a two-term equality makes equal (e.g. referrals and referral outcomes of one ethnicity, by
     * relation 2) are one figure: merge them, so a table printing either prints both.
     */
    private LinkedSystem merged(List<LinkedSystem.Binding> bindings, long[] priorLo, long[] priorHi) {
        int n = keys.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (Constraint c : constraints) {
            if (c.sense() == Relation.Sense.EQ && c.rhs() == 0 && c.vars().length == 2
                    && c.coefs()[0] == -c.coefs()[1] && Math.abs(c.coefs()[0]) == 1) {
                int a = find(parent, c.vars()[0]);
                int b = find(parent, c.vars()[1]);
                if (a != b) {
                    parent[Math.max(a, b)] = Math.min(a, b);
                }
            }
        }
        int[] newIndex = new int[n];
        List<Integer> reps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (find(parent, i) == i) {
                newIndex[i] = reps.size();
                reps.add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            newIndex[i] = newIndex[find(parent, i)];
        }
        int m = reps.size();
        boolean[] pub = new boolean[m];
        boolean[] protect = new boolean[m];
        Unknown.Tier[] tier = new Unknown.Tier[m];
        long[] lo = new long[m];
        long[] hi = new long[m];
        Arrays.fill(hi, Long.MAX_VALUE);
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int j = newIndex[i];
            if (!vals.get(i).equals(vals.get(reps.get(j)))) {
                throw new InconsistentCubesException("the cubes are inconsistent: " + keys.get(i) + " and "
                        + keys.get(reps.get(j)) + " must be equal");
            }
            pub[j] |= published.get(i);
            protect[j] |= alsoProtect.get(i);
            tier[j] = tier[j] == null ? tiers.get(i) : max(tier[j], tiers.get(i));
            lo[j] = Math.max(lo[j], priorLo[i]);
            hi[j] = Math.min(hi[j], priorHi[i]);
            byKey.put(keys.get(i), j);
        }
        List<Unknown> unknowns = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
            int r = reps.get(j);
            unknowns.add(new Unknown(j, keys.get(r), refs.get(r), parts.get(r), vals.get(r), pub[j], tier[j]));
        }
        List<Constraint> remapped = new ArrayList<>();
        Set<String> seenRows = new HashSet<>();
        for (Constraint c : constraints) {
            TreeMap<Integer, Integer> terms = new TreeMap<>();
            for (int z = 0; z < c.vars().length; z++) {
                terms.merge(newIndex[c.vars()[z]], c.coefs()[z], Integer::sum);
            }
            terms.values().removeIf(v -> v == 0);
            if (terms.isEmpty()) {
                continue;
            }
            int[] vars = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
            int[] coefs = terms.values().stream().mapToInt(Integer::intValue).toArray();
            if (seenRows.add(Arrays.toString(vars) + Arrays.toString(coefs) + c.sense() + c.rhs())) {
                remapped.add(new Constraint(vars, coefs, c.sense(), c.rhs(), c.origin()));
            }
        }
        List<LinkedSystem.Binding> rebound = new ArrayList<>();
        for (LinkedSystem.Binding b : bindings) {
            int[] ids = new int[b.unknowns().length];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = newIndex[b.unknowns()[k]];
            }
            rebound.add(new LinkedSystem.Binding(b.spec(), b.slots(), ids));
        }
        LinkedSystem sys = new LinkedSystem(unknowns, remapped, rebound, lo, hi, byKey, protect);
        List<Constraint> constraints = remapped;
        for (int k = 0; k < constraints.size(); k++) {
            Constraint c = constraints.get(k);
            long slack = sys.trueSlack(k);
            boolean ok = switch (c.sense()) {
                case EQ -> slack == 0;
                case LE -> slack >= 0;
                case GE -> slack <= 0;
            };
            if (!ok) {
                // No values in the message: raw counts never leave the service.
                throw new InconsistentCubesException("the cubes are inconsistent: " + c.origin() + " does not hold");
            }
        }
        return sys;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static Unknown.Tier tierOf(TableLayout.Kind kind, List<CellRef> rs) {
        if (kind == TableLayout.Kind.GRAND_TOTAL || rs.get(0).cellKey().equals(CellKey.TOTAL)) {
            return Unknown.Tier.GRAND;
        }
        return kind == TableLayout.Kind.CELL ? Unknown.Tier.INTERIOR : Unknown.Tier.MARGIN;
    }

    private static Unknown.Tier max(Unknown.Tier a, Unknown.Tier b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private int add(String key, CellRef ref, List<CellRef> ps, long value) {
        alsoProtect.add(false);
        int i = keys.size();
        index.put(key, i);
        keys.add(key);
        refs.add(ref);
        parts.add(ps);
        vals.add(value);
        published.add(false);
        tiers.add(Unknown.Tier.INTERIOR);
        return i;
    }

    private int cell(CellRef ref) {
        Integer i = index.get(ref.key());
        if (i != null) {
            return i;
        }
        queued.add(ref.key() + "@" + now);
        queue.add(new Pending(ref, now));
        return add(ref.key(), ref, List.of(ref), values.value(ref));
    }

    /**
     * The unknown a cell names in release {@code r}: today's where the earlier cubes are not known, else that
     * value's own unknown, closed under release r's relations.
     */
    private int at(CellRef ref, int r) {
        if (r == now || earlier.get(r).values() == null) {
            return cell(ref);
        }
        long then = earlier.get(r).values().value(ref);
        int first = r;
        for (int q = 0; q < r; q++) {
            CubeValues vq = earlier.get(q).values();
            if (vq != null && vq.value(ref) == then) {
                first = q;
                break;
            }
        }
        // Keys name the release, never the value: they appear in reports.
        String key = "r" + (first + 1) + ":" + ref.key();
        Integer i = index.get(key);
        int u = i != null ? i : add(key, ref, List.of(ref), then);
        if (queued.add(key + "@" + r)) {
            queue.add(new Pending(ref, r));
        }
        versions.computeIfAbsent(ref.key(), k -> new TreeMap<>()).put(r, u);
        return u;
    }

    /** Constraint keys of earlier releases' relations are kept apart from today's. */
    private String context(int release) {
        return release == now ? "" : "r" + (release + 1) + "|";
    }

    /** A printed total over several years: its own unknown, equal to the sum of the yearly cells. */
    private int derived(List<CellRef> rs) {
        StringBuilder years = new StringBuilder();
        for (CellRef r : rs) {
            years.append(years.length() == 0 ? "" : "+").append(r.fy());
        }
        String key = rs.get(0).measure().id() + "|" + years + "|" + rs.get(0).cellKey();
        Integer existing = index.get(key);
        if (existing != null) {
            return existing;
        }
        int[] comp = new int[rs.size() + 1];
        long sum = 0;
        for (int k = 0; k < rs.size(); k++) {
            comp[k] = cell(rs.get(k));
            sum += vals.get(comp[k]);
        }
        int d = add(key, null, List.copyOf(rs), sum);
        comp[rs.size()] = d;
        int[] coefs = new int[comp.length];
        Arrays.fill(coefs, 1);
        coefs[rs.size()] = -1;
        addConstraint(comp, coefs, Relation.Sense.EQ, 0, "years sum to the total of " + key);
        return d;
    }

    private void close(Pending p) {
        CellRef c = p.ref();
        Map<String, String> codes = CellKey.parse(c.cellKey());
        for (String dimId : codes.keySet()) {
            breakdown(c, Dimension.byId(dimId), codes, p.release());
        }
        if (codes.containsKey(Dimension.ETHNIC_GROUP.id())) {
            ethnicGroup(c, codes, p.release());
        }
        relations(c, codes, p.release());
    }

    private Map<Dimension, String> dims(Map<String, String> codes) {
        Map<Dimension, String> m = new EnumMap<>(Dimension.class);
        codes.forEach((k, v) -> m.put(Dimension.byId(k), v));
        return m;
    }

    /** Every code of {@code d}, the other dimensions held, sums to the cell without {@code d}. */
    private void breakdown(CellRef c, Dimension d, Map<String, String> codes, int prev) {
        Map<Dimension, String> rest = dims(codes);
        rest.remove(d);
        CellRef parent = CellRef.of(c.measure(), c.fy(), rest);
        String key = context(prev) + "breakdown|" + parent.key() + "|" + d.id();
        if (constraintKeys.contains(key)) {
            return;
        }
        List<Code> all = d.codes();
        int[] vars = new int[all.size() + 1];
        int[] coefs = new int[all.size() + 1];
        for (int k = 0; k < all.size(); k++) {
            Map<Dimension, String> m = new EnumMap<>(rest);
            m.put(d, all.get(k).code());
            vars[k] = at(CellRef.of(c.measure(), c.fy(), m), prev);
            coefs[k] = 1;
        }
        vars[all.size()] = at(parent, prev);
        coefs[all.size()] = -1;
        addConstraint(key, vars, coefs, Relation.Sense.EQ, 0, d.id() + " sums to total in " + parent.key());
    }

    /** The ethnicities of a major group sum to the group. */
    private void ethnicGroup(CellRef c, Map<String, String> codes, int prev) {
        Map<Dimension, String> rest = dims(codes);
        String group = rest.remove(Dimension.ETHNIC_GROUP);
        String key = context(prev) + "ethnic-group|" + c.key();
        if (constraintKeys.contains(key)) {
            return;
        }
        List<Integer> vars = new ArrayList<>();
        for (Code e : CodeLists.ETHNICITIES) {
            if (CodeLists.ethnicGroup(e.code()).equals(group)) {
                Map<Dimension, String> m = new EnumMap<>(rest);
                m.put(Dimension.ETHNICITY, e.code());
                vars.add(at(CellRef.of(c.measure(), c.fy(), m), prev));
            }
        }
        vars.add(at(c, prev));
        int[] v = vars.stream().mapToInt(Integer::intValue).toArray();
        int[] coefs = new int[v.length];
        Arrays.fill(coefs, 1);
        coefs[v.length - 1] = -1;
        addConstraint(key, v, coefs, Relation.Sense.EQ, 0, "ethnicities sum to group in " + c.key());
    }

    /** Instances of relations 2 and 3 this cell takes part in: same year, same code of one dimension (or total). */
    private void relations(CellRef c, Map<String, String> codes, int prev) {
        Map<Dimension, String> other = dims(codes);
        other.remove(Dimension.OUTCOME);
        if (other.size() > 1) {
            return;
        }
        Dimension over = other.isEmpty() ? null : other.keySet().iterator().next();
        String code = over == null ? null : other.get(over);
        for (Relation r : Relation.ALL) {
            boolean involves = r.terms().stream().anyMatch(t -> t.measure() == c.measure());
            if (!involves || (over != null && !r.over().contains(over))) {
                continue;
            }
            String key = context(prev) + "relation|" + r.id() + "|" + c.fy() + "|"
                    + (over == null ? "total" : over.id() + "=" + code);
            if (constraintKeys.contains(key)) {
                continue;
            }
            TreeMap<Integer, Integer> terms = new TreeMap<>();
            for (Relation.Term t : r.terms()) {
                for (CellRef ref : expand(t, c.fy(), over, code)) {
                    terms.merge(at(ref, prev), t.coefficient(), Integer::sum);
                }
            }
            int[] vars = terms.keySet().stream().mapToInt(Integer::intValue).toArray();
            int[] coefs = terms.values().stream().mapToInt(Integer::intValue).toArray();
            addConstraint(key, vars, coefs, r.sense(), 0,
                    r.id() + " for " + c.fy() + (over == null ? "" : " " + over.id() + "=" + code));
        }
    }

    private static List<CellRef> expand(Relation.Term t, String fy, Dimension over, String code) {
        Map<Dimension, String> base = new EnumMap<>(Dimension.class);
        if (over != null) {
            base.put(over, code);
        }
        if (t.outcome() == null) {
            return List.of(CellRef.of(t.measure(), fy, base));
        }
        if (t.outcome().equals(Relation.ALL_OUTCOMES)) {
            // The sum over outcomes is the cell without outcome: the outcome breakdown (added wherever the
            // outcome cells are in the system) says so, and this keeps relation 2 a plain equality of two cells.
            return List.of(CellRef.of(t.measure(), fy, base));
        }
        Map<Dimension, String> m = new EnumMap<>(base);
        m.put(Dimension.OUTCOME, t.outcome());
        return List.of(CellRef.of(t.measure(), fy, m));
    }

    private void addConstraint(int[] vars, int[] coefs, Relation.Sense sense, long rhs, String origin) {
        addConstraint(origin, vars, coefs, sense, rhs, origin);
    }

    private void addConstraint(String key, int[] vars, int[] coefs, Relation.Sense sense, long rhs, String origin) {
        if (constraintKeys.add(key)) {
            constraints.add(new Constraint(vars, coefs, sense, rhs, origin));
        }
    }

    /**
     * An earlier release's figure. Without the earlier cubes it is kept where it still holds for today's values,
     * and where today's value has grown past it only its lower bound is (counts do not shrink); below it, nothing.
     * A withheld small count of the earlier release must stay protected too.
     */
    private void applyFact(Fact f, int release, long[] lo, long[] hi) {
        Policy prevPolicy = earlier.get(release).policy();
        long sum = 0;
        int[] vars = new int[f.refs().size()];
        for (int k = 0; k < vars.length; k++) {
            vars[k] = at(f.refs().get(k), release);
            sum += vals.get(vars[k]);
        }
        if (sum < f.lo()) {
            return; // shrank below what was known of it: nothing carries over
        }
        // Grown past what was known: counts do not shrink, so the lower bound still holds (as the audit reads rule 5).
        boolean grewPast = sum > f.hi();
        if (vars.length == 1) {
            lo[vars[0]] = Math.max(lo[vars[0]], f.lo());
            if (grewPast) {
                return;
            }
            hi[vars[0]] = Math.min(hi[vars[0]], f.hi());
            if (prevPolicy != null && f.withheld() && prevPolicy.isPrimary(sum)) {
                alsoProtect.set(vars[0], true);
            }
            return;
        }
        int[] coefs = new int[vars.length];
        Arrays.fill(coefs, 1);
        String what = "release " + (release + 1) + ": " + f.refs();
        if (f.lo() > 0) {
            addConstraint("prior-lo|" + Arrays.toString(vars) + "|" + f.lo(), vars, coefs, Relation.Sense.GE, f.lo(),
                    what);
        }
        if (!grewPast && f.hi() != Long.MAX_VALUE) {
            addConstraint("prior-hi|" + Arrays.toString(vars) + "|" + f.hi(), vars, coefs, Relation.Sense.LE, f.hi(),
                    what);
        }
    }
}
