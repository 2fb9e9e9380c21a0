package org.cscstats.suppression.repository;

import static org.cscstats.suppression.repository.StoreUnavailableException.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Json;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.model.Release;

/**
 * Releases and their protected tables; rows are only ever inserted, never updated (releases are immutable).
 * Like {@link CubeStore}, every operation is a {@link Uni} on the reactive pool, guarded (bounded in time and
 * classified): this service's repositories have one style, and its blocking callers wait for them in one place
 * ({@code service.Await}).
 */
@ApplicationScoped
public class ReleaseRepository {
    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Cube>> CUBES = new TypeReference<>() {
    };

    private final Pool pool;

    public ReleaseRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the LA's release lock: a PostgreSQL advisory lock held by a transaction of its own, so it is one lock for
     * every pod sharing the database, and it goes when that transaction ends (commit, rollback, or the connection
     * dropping when a pod dies). Never waits: {@link ReleaseLock#acquired()} is false while another session holds it.
     */
    public Uni<ReleaseLock> lock(String la) {
        return guard(pool.getConnection()).chain(connection -> guard(connection.begin())
                .chain(() -> guard(connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1, $2) AS locked")
                        .execute(Tuple.of(RELEASE_LOCK_CLASS, lockKey(la)))))
                .map(rows -> new ReleaseLock(la, connection, rows.iterator().next().getBoolean("locked")))
                .onFailure().invoke(connection::closeAndForget));
    }

    /** First key of the two-key advisory lock: this lock's namespace ("RELS"), apart from any other advisory lock. */
    public static final int RELEASE_LOCK_CLASS = 0x52454c53;

    /** Second key: the LA code's String.hashCode (specified by the JLS, so the same in every pod and version). */
    public static int lockKey(String la) {
        return la.hashCode();
    }

    /** An LA's release lock, and the transaction the release is stored in (numbered under the lock, so gap-free). */
    public final class ReleaseLock implements AutoCloseable {
        private final String la;
        private final SqlConnection connection;
        private final boolean acquired;
        private volatile boolean done;

        private ReleaseLock(String la, SqlConnection connection, boolean acquired) {
            this.la = la;
            this.connection = connection;
            this.acquired = acquired;
        }

        public boolean acquired() {
            return acquired;
        }

        /** Stores the release, numbered next for its LA, and commits: the lock goes with the commit. */
        public Uni<Release> insert(Instant cutoff, Map<String, Object> policy, List<PublishedTable> tables, Object audit,
                                   List<Cube> frozen) {
            if (!acquired || done) {
                throw new IllegalStateException("the release lock of LA " + la + " is not held");
            }
            // the JSON is written here, on the caller's thread: the rest of the chain runs on the pool's event loop
            String policyJson = write(policy);
            List<String> tableJson = tables.stream().map(ReleaseRepository::write).toList();
            String auditJson = write(audit);
            String frozenJson = write(frozen);
            return guard(connection.preparedQuery("SELECT coalesce(max(number), 0) + 1 AS n FROM release WHERE la = $1")
                    .execute(Tuple.of(la)))
                    .map(rows -> rows.iterator().next().getInteger("n"))
                    .chain(number -> {
                        Release release = new Release(Release.id(la, number), la, number, cutoff, Instant.now(), policy);
                        List<Tuple> tableRows = new ArrayList<>();
                        for (int i = 0; i < tables.size(); i++) {
                            tableRows.add(Tuple.of(release.id(), tables.get(i).table(), i, tableJson.get(i)));
                        }
                        return exec("INSERT INTO release (la, number, id, cutoff, created_at, policy) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)",
                                Tuple.from(List.of(la, number, release.id(), utc(cutoff), utc(release.createdAt()), policyJson)))
                                .chain(() -> tableRows.isEmpty() ? Uni.createFrom().voidItem()
                                        : guard(connection.preparedQuery("INSERT INTO release_table (release_id, table_id, position, body) VALUES ($1, $2, $3, $4::text::jsonb)")
                                                .executeBatch(tableRows)).replaceWithVoid())
                                .chain(() -> exec("INSERT INTO release_audit (release_id, body) VALUES ($1, $2::text::jsonb)",
                                        Tuple.of(release.id(), auditJson)))
                                .chain(() -> exec("INSERT INTO release_input (release_id, cubes) VALUES ($1, $2::text::jsonb)",
                                        Tuple.of(release.id(), frozenJson)))
                                .invoke(() -> done = true)
                                .chain(() -> guard(connection.transaction().commit()))
                                .replaceWith(release);
                    });
        }

        private Uni<Void> exec(String sql, Tuple args) {
            return guard(connection.preparedQuery(sql).execute(args)).replaceWithVoid();
        }

        /**
         * Rolls back whatever was not committed (releasing the lock) and returns the connection to the pool. It
         * waits (at most {@link StoreUnavailableException#WAIT} per step) because try-with-resources must not leave
         * the lock held on any path.
         */
        @Override
        public void close() {
            try {
                if (!done && connection.transaction() != null) {
                    connection.transaction().rollback().await().atMost(StoreUnavailableException.WAIT);
                }
            } catch (RuntimeException e) {
                // the connection is going anyway; PostgreSQL ends its transaction (and the lock) with it
            } finally {
                try {
                    connection.close().await().atMost(StoreUnavailableException.WAIT);
                } catch (RuntimeException e) {
                    // a connection that cannot close cleanly is dropped by the pool; nothing is left to release
                }
            }
        }
    }

    public Uni<List<Release>> forLa(String la) {
        return guard(pool.preparedQuery("SELECT la, number, id, cutoff, created_at, policy::text AS policy FROM release WHERE la = $1 ORDER BY number DESC").execute(Tuple.of(la)))
                .map(rows -> {
                    List<Release> out = new ArrayList<>();
                    rows.forEach(r -> out.add(release(r)));
                    return out;
                });
    }

    public Uni<Optional<Release>> find(String la, String id) {
        String sql = "latest".equals(id)
                ? "SELECT la, number, id, cutoff, created_at, policy::text AS policy FROM release WHERE la = $1 AND $2 = 'latest' ORDER BY number DESC LIMIT 1"
                : "SELECT la, number, id, cutoff, created_at, policy::text AS policy FROM release WHERE la = $1 AND id = $2";
        return guard(pool.preparedQuery(sql).execute(Tuple.of(la, id)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(release(rows.iterator().next())) : Optional.<Release>empty());
    }

    /** The LAs with a release, and each one's latest release id. */
    public Uni<List<Map<String, String>>> latestPerLa() {
        return guard(pool.query("SELECT DISTINCT ON (la) la, id FROM release ORDER BY la, number DESC").execute())
                .map(rows -> {
                    List<Map<String, String>> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Map.of("la", r.getString("la"), "latestRelease", r.getString("id"))));
                    return out;
                });
    }

    public Uni<List<PublishedTable>> tables(String releaseId) {
        return guard(pool.preparedQuery("SELECT body::text AS body FROM release_table WHERE release_id = $1 ORDER BY position")
                .execute(Tuple.of(releaseId)))
                .map(rows -> {
                    List<PublishedTable> out = new ArrayList<>();
                    rows.forEach(r -> out.add(read(r.getString("body"), PublishedTable.class)));
                    return out;
                });
    }

    /** The cubes a release was protected from (internal: raw counts, for protecting the next release). */
    public Uni<List<Cube>> input(String releaseId) {
        return guard(pool.preparedQuery("SELECT cubes::text AS cubes FROM release_input WHERE release_id = $1")
                .execute(Tuple.of(releaseId)))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next().getString("cubes"), CUBES) : List.<Cube>of());
    }

    public Uni<Optional<String>> audit(String releaseId) {
        return guard(pool.preparedQuery("SELECT body::text AS body FROM release_audit WHERE release_id = $1")
                .execute(Tuple.of(releaseId)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("body")) : Optional.<String>empty());
    }

    private static Release release(Row r) {
        return new Release(r.getString("id"), r.getString("la"), r.getInteger("number"),
                r.getOffsetDateTime("cutoff").toInstant(), r.getOffsetDateTime("created_at").toInstant(),
                read(r.getString("policy"), MAP));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
