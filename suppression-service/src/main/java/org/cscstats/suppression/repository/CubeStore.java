package org.cscstats.suppression.repository;

import static org.cscstats.suppression.repository.StoreUnavailableException.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Json;

/** The latest version of every cube, as received over Kafka. */
@ApplicationScoped
public class CubeStore {
    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<Map<String, Long>> CELLS = new TypeReference<>() {
    };

    private final Pool pool;

    public CubeStore(Pool pool) {
        this.pool = pool;
    }

    /** Keeps each cube only if its version is newer than the stored one (redelivery and reordering are harmless). */
    public Uni<Void> upsert(Collection<Cube> cubes) {
        if (cubes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = cubes.size();
        String[] las = new String[n], measures = new String[n], fys = new String[n], cells = new String[n];
        Long[] versions = new Long[n];
        Boolean[] partial = new Boolean[n];
        int i = 0;
        for (Cube c : cubes) {
            las[i] = c.la();
            measures[i] = c.measure();
            fys[i] = c.fy();
            versions[i] = c.version();
            partial[i] = c.partial();
            cells[i] = write(c.cells());
            i++;
        }
        return guard(pool.preparedQuery("""
                INSERT INTO cube (la, measure, fy, version, partial, cells)
                SELECT la, measure, fy, version, partial, cells::jsonb
                FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::boolean[], $6::text[])
                  AS t(la, measure, fy, version, partial, cells)
                ON CONFLICT (la, measure, fy) DO UPDATE
                  SET version = excluded.version, partial = excluded.partial, cells = excluded.cells
                  WHERE cube.version < excluded.version""")
                .execute(Tuple.of(las, measures, fys, versions, partial, cells)))
                .replaceWithVoid();
    }

    /** Removes cubes the stats service withdrew (tombstones on the compacted topic). */
    public Uni<Void> delete(String la, String measure, String fy) {
        return guard(pool.preparedQuery("DELETE FROM cube WHERE la = $1 AND measure = $2 AND fy = $3")
                .execute(Tuple.of(la, measure, fy))).replaceWithVoid();
    }

    public Uni<List<Cube>> forLa(String la) {
        return guard(pool.preparedQuery("SELECT la, measure, fy, version, partial, cells::text AS cells FROM cube WHERE la = $1 ORDER BY measure, fy")
                .execute(Tuple.of(la)))
                .map(rows -> {
                    List<Cube> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Cube(r.getString("la"), r.getString("measure"), r.getString("fy"),
                                r.getBoolean("partial"), r.getLong("version"), read(r.getString("cells"))));
                    }
                    return out;
                });
    }

    public Uni<List<String>> las() {
        return guard(pool.query("SELECT DISTINCT la FROM cube ORDER BY la").execute())
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString("la")));
                    return out;
                });
    }

    private static Map<String, Long> read(String json) {
        try {
            return JSON.readValue(json, CELLS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cube cells", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
