package org.cscstats.suppression.support;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.catalogue.CellRef;
import org.cscstats.suppression.catalogue.Header;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.protect.CubeValues;

/** The test's truth: the true value behind any printed position of one release, from the cubes it was made from. */
public final class Oracle {
    private final List<PublishedTable> tables;
    private final CubeValues values;

    public Oracle(List<PublishedTable> tables, List<Cube> cubes) {
        this.tables = tables;
        this.values = new CubeValues(cubes);
    }

    public long value(String table, String row, String column) {
        PublishedTable t = tables.stream().filter(x -> x.table().equals(table)).findFirst().orElseThrow();
        TableSpec spec = TableSpec.of(t);
        long v = 0;
        for (CellRef ref : TableLayout.refs(spec, index(spec.rows(), row), index(spec.columns(), column))) {
            v += values.value(ref);
        }
        return v;
    }

    public long value(AuditCell c) {
        return value(c.table(), c.row(), c.column());
    }

    public long value(PublishedTable t, int r, int c) {
        return value(t.table(), code(t.rows(), r), code(t.columns(), c));
    }

    static String code(List<Header> h, int i) {
        return i < h.size() ? h.get(i).code() : "total";
    }

    private static int index(List<Header> headers, String code) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).code().equals(code)) {
                return i;
            }
        }
        return headers.size();
    }
}
