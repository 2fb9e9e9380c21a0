package org.cscstats.stats.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.cscstats.contract.FinancialYear;
import org.cscstats.stats.model.ChildKey;
import org.cscstats.stats.model.RecountProgress;

/** The year the children were counted against ({@code counting_state}) and the recount's progress ({@code recount}). */
@ApplicationScoped
public class RecountRepository {

    /** Both, read under the recount row's lock: whoever holds it is the only one recounting. */
    public record Status(FinancialYear counted, RecountProgress underWay, long childrenDone) {
    }

    public Uni<Status> lock(SqlClient tx) {
        return tx.query("""
                SELECT r.fy, r.after_la, r.after_child, r.children, r.finished_at IS NULL AS open,
                       (SELECT current_fy FROM counting_state WHERE id = 1) AS counted
                FROM recount r WHERE r.id = 1 FOR UPDATE OF r""")
                .execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    String counted = r.getString("counted");
                    String fy = r.getString("fy");
                    RecountProgress underWay = null;
                    if (fy != null && r.getBoolean("open")) {
                        String la = r.getString("after_la");
                        underWay = new RecountProgress(FinancialYear.parse(fy),
                                la == null ? null : new ChildKey(la, r.getString("after_child")));
                    }
                    return new Status(counted == null ? null : FinancialYear.parse(counted), underWay,
                            r.getLong("children"));
                });
    }

    /** A recount to {@code fy} from the first child (also over one interrupted for another year). */
    public Uni<Void> start(SqlClient tx, FinancialYear fy) {
        return tx.preparedQuery("""
                UPDATE recount SET fy = $1, after_la = NULL, after_child = NULL, children = 0,
                                   started_at = now(), finished_at = NULL WHERE id = 1""")
                .execute(Tuple.of(fy.label())).replaceWithVoid();
    }

    /** Children up to and including {@code last} are done. */
    public Uni<Void> advance(SqlClient tx, ChildKey last, int children) {
        return tx.preparedQuery("UPDATE recount SET after_la = $1, after_child = $2, children = children + $3 WHERE id = 1")
                .execute(Tuple.of(last.la(), last.childId(), children)).replaceWithVoid();
    }

    /** Every child is counted against {@code fy}. */
    public Uni<Void> finish(SqlClient tx, FinancialYear fy) {
        return tx.preparedQuery("UPDATE recount SET finished_at = now() WHERE id = 1").execute()
                .chain(() -> tx.preparedQuery("""
                        INSERT INTO counting_state (id, current_fy) VALUES (1, $1)
                        ON CONFLICT (id) DO UPDATE SET current_fy = excluded.current_fy""")
                        .execute(Tuple.of(fy.label())))
                .replaceWithVoid();
    }
}
