package org.cscstats.stats.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cscstats.stats.model.CubeRef;

/** The rolling aggregates and their outbox of changed cubes. */
@ApplicationScoped
public class CubeRepository {

    /** A cube's cells as of a version. */
    public record StoredCube(CubeRef ref, long version, Map<String, Long> cells) {
    }

    /** One cell delta, keyed for aggregation before it is written (one row per cell per statement). */
    public record CubeCellDelta(String la, String measure, String fy, String cell) {
    }

    /**
     * Adds deltas to cells and bumps the version of every cube they touch (so it is published again). Rows are
     * written in key order so that concurrent batches (several replicas) wait for each other instead of deadlocking.
     */
    public Uni<Void> apply(SqlClient client, Map<CubeCellDelta, Long> deltas) {
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = deltas.size();
        String[] las = new String[n];
        String[] measures = new String[n];
        String[] fys = new String[n];
        String[] cells = new String[n];
        Long[] values = new Long[n];
        Set<CubeRef> cubes = new HashSet<>();
        int i = 0;
        for (Map.Entry<CubeCellDelta, Long> e : deltas.entrySet()) {
            CubeCellDelta d = e.getKey();
            las[i] = d.la();
            measures[i] = d.measure();
            fys[i] = d.fy();
            cells[i] = d.cell();
            values[i] = e.getValue();
            cubes.add(new CubeRef(d.la(), d.measure(), d.fy()));
            i++;
        }
        Uni<?> cellsWritten = client.preparedQuery("""
                INSERT INTO cube_cell (la, measure, fy, cell, value)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS t(la, measure, fy, cell, value)
                ORDER BY la, measure, fy, cell
                ON CONFLICT (la, measure, fy, cell) DO UPDATE SET value = cube_cell.value + excluded.value""")
                .execute(Tuple.of(las, measures, fys, cells, values));
        return cellsWritten.chain(() -> touch(client, cubes));
    }

    /** Marks cubes as changed: a new version to publish (a new cube starts at this database's epoch, V3). */
    public Uni<Void> touch(SqlClient client, Collection<CubeRef> cubes) {
        if (cubes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] las = cubes.stream().map(CubeRef::la).toArray(String[]::new);
        String[] measures = cubes.stream().map(CubeRef::measure).toArray(String[]::new);
        String[] fys = cubes.stream().map(CubeRef::fy).toArray(String[]::new);
        return client.preparedQuery("""
                INSERT INTO cube_version (la, measure, fy, version)
                SELECT la, measure, fy, (SELECT base FROM version_epoch) + 1
                FROM unnest($1::text[], $2::text[], $3::text[]) AS t(la, measure, fy)
                ORDER BY la, measure, fy
                ON CONFLICT (la, measure, fy) DO UPDATE
                  SET version = cube_version.version + 1, changed_at = now()""")
                .execute(Tuple.of(las, measures, fys))
                .replaceWithVoid();
    }

    /**
     * Marks every stored cube of the given FYs as changed, e.g. when the year in progress moves and their
     * {@code partial} flag with it. Rows are locked in key order, as {@link #touch} does, so that this waits for
     * a counting batch (or it for this) instead of deadlocking.
     */
    public Uni<Void> touchYears(SqlClient client, Collection<String> fys) {
        if (fys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("""
                UPDATE cube_version v SET version = v.version + 1, changed_at = now()
                FROM (SELECT la, measure, fy FROM cube_version WHERE fy = ANY($1::text[])
                      ORDER BY la, measure, fy FOR UPDATE) k
                WHERE v.la = k.la AND v.measure = k.measure AND v.fy = k.fy""")
                .execute(Tuple.of(fys.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Every cube changed since it was last published, of up to {@code limit} LAs: an LA's changed cubes are always
     * published together, so a reader rarely sees one measure of an LA ahead of another.
     */
    public Uni<List<CubeRef>> unpublished(SqlClient client, int limit) {
        return client.preparedQuery("""
                SELECT la, measure, fy FROM cube_version
                WHERE version > published
                  AND la IN (SELECT DISTINCT la FROM cube_version WHERE version > published LIMIT $1)""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<CubeRef> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new CubeRef(r.getString("la"), r.getString("measure"), r.getString("fy"))));
                    return out;
                });
    }

    /** Every cube of the given LAs, with its cells and version (for publishing). */
    public Uni<List<StoredCube>> load(SqlClient client, Collection<CubeRef> refs) {
        String[] las = refs.stream().map(CubeRef::la).toArray(String[]::new);
        String[] measures = refs.stream().map(CubeRef::measure).toArray(String[]::new);
        String[] fys = refs.stream().map(CubeRef::fy).toArray(String[]::new);
        return client.preparedQuery("""
                SELECT v.la, v.measure, v.fy, v.version, c.cell, c.value
                FROM cube_version v JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(la, measure, fy)
                  ON v.la = k.la AND v.measure = k.measure AND v.fy = k.fy
                LEFT JOIN cube_cell c ON c.la = v.la AND c.measure = v.measure AND c.fy = v.fy AND c.value <> 0""")
                .execute(Tuple.of(las, measures, fys))
                .map(rows -> {
                    Map<CubeRef, Long> versions = new HashMap<>();
                    Map<CubeRef, Map<String, Long>> cells = new HashMap<>();
                    for (Row r : rows) {
                        CubeRef ref = new CubeRef(r.getString("la"), r.getString("measure"), r.getString("fy"));
                        versions.put(ref, r.getLong("version"));
                        Map<String, Long> c = cells.computeIfAbsent(ref, x -> new HashMap<>());
                        if (r.getString("cell") != null) {
                            c.put(r.getString("cell"), r.getLong("value"));
                        }
                    }
                    List<StoredCube> out = new ArrayList<>();
                    versions.forEach((ref, v) -> out.add(new StoredCube(ref, v, cells.get(ref))));
                    return out;
                });
    }

    public Uni<Void> markPublished(SqlClient client, Collection<StoredCube> cubes) {
        if (cubes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] las = cubes.stream().map(c -> c.ref().la()).toArray(String[]::new);
        String[] measures = cubes.stream().map(c -> c.ref().measure()).toArray(String[]::new);
        String[] fys = cubes.stream().map(c -> c.ref().fy()).toArray(String[]::new);
        Long[] versions = cubes.stream().map(StoredCube::version).toArray(Long[]::new);
        return client.preparedQuery("""
                UPDATE cube_version v SET published = k.version
                FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS k(la, measure, fy, version)
                WHERE v.la = k.la AND v.measure = k.measure AND v.fy = k.fy AND v.published < k.version""")
                .execute(Tuple.of(las, measures, fys, versions))
                .replaceWithVoid();
    }

    /** The first FY in which the LA has a referral (cubes of earlier years are not published), or null. */
    public Uni<String> firstReferralYear(SqlClient client, String la) {
        return client.preparedQuery("""
                SELECT min(fy) AS fy FROM cube_cell WHERE la = $1 AND measure = 'referrals' AND cell = '' AND value > 0""")
                .execute(Tuple.of(la))
                .map(rows -> rows.iterator().next().getString("fy"));
    }
}
