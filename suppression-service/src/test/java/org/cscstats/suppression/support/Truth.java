package org.cscstats.suppression.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.bench.RowColumnBaseline;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.CubeValues;

/**
 * The test oracle: true values of every printed position, and what an audit of printed tables means for them.
 * A primary cell leaks if its audited interval is narrower than p, or than the widest any pattern could give it
 * (measured by auditing the tables with every non-zero figure withheld).
 */
public final class Truth {
    private final Map<String, Long> values = new HashMap<>();
    private final Policy policy;

    /** Several releases' truths together (their table ids prefixed apart). */
    public Truth(List<Truth> parts) {
        this.policy = parts.get(0).policy;
        parts.forEach(t -> values.putAll(t.values));
    }

    /** The same truth with every table id prefixed. */
    public Truth withPrefix(String prefix) {
        Truth t = new Truth(List.of(this));
        t.values.clear();
        values.forEach((k, v) -> t.values.put(prefix + k, v));
        return t;
    }

    public Truth(Catalogue catalogue, List<Cube> cubes, Policy policy) {
        this.policy = policy;
        CubeValues cv = new CubeValues(cubes);
        for (TableSpec t : catalogue.tables()) {
            if (!t.linked()) {
                continue;
            }
            long[][] v = RowColumnBaseline.truth(t, cv);
            for (int r = 0; r < v.length; r++) {
                for (int c = 0; c < v[r].length; c++) {
                    if (v[r][c] >= 0) {
                        values.put(key(t.id(), code(t.rows(), r), code(t.columns(), c)), v[r][c]);
                    }
                }
            }
        }
    }

    private static String code(List<org.cscstats.suppression.catalogue.Header> h, int i) {
        return i < h.size() ? h.get(i).code() : "total";
    }

    public static String key(String table, String row, String column) {
        return table + "|" + row + "|" + column;
    }

    public static String key(AuditCell c) {
        return key(c.table(), c.row(), c.column());
    }

    public long value(AuditCell c) {
        return values.get(key(c));
    }

    public boolean primary(AuditCell c) {
        return policy.isPrimary(value(c));
    }

    /** Every printed position of the linked tables, with its display. */
    public static Map<String, PublishedCell> printed(List<PublishedTable> tables) {
        Map<String, PublishedCell> out = new HashMap<>();
        for (PublishedTable t : tables) {
            for (int r = 0; r <= t.rows().size(); r++) {
                for (int c = 0; c <= t.columns().size(); c++) {
                    PublishedCell cell = t.at(r, c);
                    if (cell != null) {
                        out.put(key(t.table(), code(t.rows(), r), code(t.columns(), c)), cell);
                    }
                }
            }
        }
        return out;
    }

    public Long valueOf(String key) {
        return values.get(key);
    }

    /** The tables with every non-zero figure withheld: the loosest any pattern can leave the attacker. */
    public List<PublishedTable> allWithheld(List<PublishedTable> tables) {
        return allWithheld(tables, t -> true);
    }

    /** As above, but tables {@code open} rejects (e.g. an earlier release, already printed) stay as printed. */
    public List<PublishedTable> allWithheld(List<PublishedTable> tables, Predicate<PublishedTable> open) {
        List<PublishedTable> out = new ArrayList<>();
        for (PublishedTable t : tables) {
            if (t.measure().equals("caseload")) {
                continue;
            }
            if (!open.test(t)) {
                out.add(t);
                continue;
            }
            int nr = t.rows().size();
            int nc = t.columns().size();
            List<List<PublishedCell>> cells = new ArrayList<>();
            for (int r = 0; r < nr; r++) {
                List<PublishedCell> row = new ArrayList<>();
                for (int c = 0; c < nc; c++) {
                    row.add(withheld(t, r, c));
                }
                cells.add(row);
            }
            List<PublishedCell> rt = t.rowTotals() == null ? null : new ArrayList<>();
            List<PublishedCell> ct = t.columnTotals() == null ? null : new ArrayList<>();
            for (int r = 0; rt != null && r < nr; r++) {
                rt.add(withheld(t, r, nc));
            }
            for (int c = 0; ct != null && c < nc; c++) {
                ct.add(withheld(t, nr, c));
            }
            out.add(new PublishedTable(t.la(), t.table(), t.measure(), t.title(), t.fixed(), t.rowDimension(),
                    t.columnDimension(), t.rows(), t.columns(), cells, rt, ct,
                    t.total() == null ? null : withheld(t, nr, nc), t.notes()));
        }
        return out;
    }

    private PublishedCell withheld(PublishedTable t, int r, int c) {
        long v = values.get(key(t.table(), code(t.rows(), r), code(t.columns(), c)));
        if (v == 0 && policy.zerosShown()) {
            return PublishedCell.shown(0);
        }
        return PublishedCell.withheld(policy.isPrimary(v) ? policy.primarySymbol() : policy.secondarySymbol());
    }

    /** Leaks of an audit: primary cells narrower than p and than the widest attainable. */
    public List<AuditCell> leaks(List<PublishedTable> tables, AuditReport report) {
        return leaksAcross(List.of(tables), report);
    }

    /**
     * Leaks of an audit of several releases read together; the attainable width assumes every release but the
     * last is already printed as it is.
     */
    public List<AuditCell> leaksAcross(List<List<PublishedTable>> releases, AuditReport report) {
        List<PublishedTable> tables = new ArrayList<>();
        releases.forEach(tables::addAll);
        Set<PublishedTable> open = new HashSet<>(releases.get(releases.size() - 1));
        double p = policy.protection();
        List<AuditCell> narrow = report.cells().stream().filter(c -> primary(c) && c.narrowerThan(p)).toList();
        if (narrow.isEmpty()) {
            return narrow;
        }
        Set<String> keys = new HashSet<>();
        narrow.forEach(c -> keys.add(key(c)));
        Predicate<AuditCell> which = c -> keys.contains(key(c));
        Map<String, Double> attainable = new HashMap<>();
        List<List<PublishedTable>> loosest = new ArrayList<>();
        for (List<PublishedTable> r : releases) {
            loosest.add(allWithheld(r, open::contains));
        }
        for (AuditCell c : Audit.runReleases(loosest, policy, which).cells()) {
            attainable.put(key(c), c.width());
        }
        return narrow.stream().filter(c -> c.width() < Math.min(p, attainable.get(key(c))) - 1e-6).toList();
    }
}
