package org.cscstats.suppression.repository;

import static org.cscstats.suppression.repository.StoreUnavailableException.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Releases and their protected tables; rows are only ever inserted, never updated (releases are immutable). */
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
    public ReleaseLock lock(String la) {
        SqlConnection connection = guard(pool.getConnection()).await().indefinitely();
        try {
            guard(connection.begin()).await().indefinitely();
            boolean acquired = guard(connection.preparedQuery("SELECT pg_try_advisory_xact_lock($1, $2) AS locked")
                    .execute(Tuple.of(RELEASE_LOCK_CLASS, lockKey(la)))).await().indefinitely()
                    .iterator().next().getBoolean("locked");
            return new ReleaseLock(la, connection, acquired);
        } catch (RuntimeException e) {
            connection.closeAndForget();
            throw e;
        }
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
        private boolean done;

        private ReleaseLock(String la, SqlConnection connection, boolean acquired) {
            this.la = la;
            this.connection = connection;
            this.acquired = acquired;
        }

        public boolean acquired() {
            return acquired;
        }

        /** Stores the release, numbered next for its LA, and commits: the lock goes with the commit. */
        public Release insert(Instant cutoff, Map<String, Object> policy, List<PublishedTable> tables, Object audit,
                              List<Cube> frozen) {
            if (!acquired || done) {
                throw new IllegalStateException("the release lock of LA " + la + " is not held");
            }
            int number = guard(connection.preparedQuery("SELECT coalesce(max(number), 0) + 1 AS n FROM release WHERE la = $1")
                    .execute(Tuple.of(la))).await().indefinitely().iterator().next().getInteger("n");
            Release release = new Release(Release.id(la, number), la, number, cutoff, Instant.now(), policy);
            List<Tuple> tableRows = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                tableRows.add(Tuple.of(release.id(), tables.get(i).table(), i, write(tables.get(i))));
            }
            exec("INSERT INTO release (la, number, id, cutoff, created_at, policy) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)",
                    Tuple.from(List.of(la, number, release.id(), utc(cutoff), utc(release.createdAt()), write(policy))));
            if (!tableRows.isEmpty()) {
                guard(connection.preparedQuery("INSERT INTO release_table (release_id, table_id, position, body) VALUES ($1, $2, $3, $4::text::jsonb)")
                        .executeBatch(tableRows)).await().indefinitely();
            }
            exec("INSERT INTO release_audit (release_id, body) VALUES ($1, $2::text::jsonb)", Tuple.of(release.id(), write(audit)));
            exec("INSERT INTO release_input (release_id, cubes) VALUES ($1, $2::text::jsonb)", Tuple.of(release.id(), write(frozen)));
            done = true;
            guard(connection.transaction().commit()).await().indefinitely();
            return release;
        }

        private void exec(String sql, Tuple args) {
            guard(connection.preparedQuery(sql).execute(args)).await().indefinitely();
        }

        /** Rolls back whatever was not committed (releasing the lock) and returns the connection to the pool. */
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

    public List<Release> forLa(String la) {
        return guard(pool.preparedQuery("SELECT la, number, id, cutoff, created_at, policy::text AS policy FROM release WHERE la = $1 ORDER BY number DESC").execute(Tuple.of(la)))
                .map(rows -> {
                    List<Release> out = new ArrayList<>();
                    rows.forEach(r -> out.add(release(r)));
                    return out;
                }).await().indefinitely();
    }

    public Optional<Release> find(String la, String id) {
        String sql = "latest".equals(id)
                ? "SELECT la, number, id, cutoff, created_at, policy::text AS policy FROM release WHERE la = $1 AND $2 = 'latest' ORDER BY number DESC LIMIT 1"
                : "SELECT la, number, id, cutoff, created_at, policy::text AS policy FROM release WHERE la = $1 AND id = $2";
        return guard(pool.preparedQuery(sql).execute(Tuple.of(la, id)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(release(rows.iterator().next())) : Optional.<Release>empty())
                .await().indefinitely();
    }

    /** The LAs with a release, and each one's latest release id. */
    public List<Map<String, String>> latestPerLa() {
        return guard(pool.query("SELECT DISTINCT ON (la) la, id FROM release ORDER BY la, number DESC").execute())
                .map(rows -> {
                    List<Map<String, String>> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Map.of("la", r.getString("la"), "latestRelease", r.getString("id"))));
                    return out;
                }).await().indefinitely();
    }

    public List<PublishedTable> tables(String releaseId) {
        return guard(pool.preparedQuery("SELECT body::text AS body FROM release_table WHERE release_id = $1 ORDER BY position")
                .execute(Tuple.of(releaseId)))
                .map(rows -> {
                    List<PublishedTable> out = new ArrayList<>();
                    rows.forEach(r -> out.add(read(r.getString("body"), PublishedTable.class)));
                    return out;
                }).await().indefinitely();
    }

    /** The cubes a release was protected from (internal: raw counts, for protecting the next release). */
    public List<Cube> input(String releaseId) {
        return guard(pool.preparedQuery("SELECT cubes::text AS cubes FROM release_input WHERE release_id = $1")
                .execute(Tuple.of(releaseId)))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next().getString("cubes"), CUBES) : List.<Cube>of())
                .await().indefinitely();
    }

    public Optional<String> audit(String releaseId) {
        return guard(pool.preparedQuery("SELECT body::text AS body FROM release_audit WHERE release_id = $1")
                .execute(Tuple.of(releaseId)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString("body")) : Optional.<String>empty())
                .await().indefinitely();
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
