package org.cscstats.stats.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Json;
import org.cscstats.stats.counting.CubeCell;
import org.cscstats.stats.model.ChildKey;
import org.cscstats.stats.model.ChildState;

/** Per-child histories and applied contributions, read and written in bulk within the caller's transaction. */
@ApplicationScoped
public class ChildStateRepository {
    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<List<CaseEvent>> EVENTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Long>> CONTRIBUTION = new TypeReference<>() {
    };

    /**
     * The stored children among {@code keys}, locked until the transaction ends. Locks are taken in key order, as
     * {@link #page} takes them, so a counting batch and a recount page touching the same children wait for each
     * other instead of deadlocking.
     */
    public Uni<Map<ChildKey, ChildState>> load(SqlClient client, Collection<ChildKey> keys) {
        String[] las = keys.stream().map(ChildKey::la).toArray(String[]::new);
        String[] children = keys.stream().map(ChildKey::childId).toArray(String[]::new);
        return client.preparedQuery("""
                SELECT s.la, s.child_id, s.events, s.contribution
                FROM child_state s JOIN unnest($1::text[], $2::text[]) AS k(la, child_id)
                  ON s.la = k.la AND s.child_id = k.child_id
                ORDER BY s.la, s.child_id
                FOR UPDATE OF s""")
                .execute(Tuple.of(las, children))
                .map(rows -> {
                    Map<ChildKey, ChildState> out = new HashMap<>();
                    for (Row row : rows) {
                        ChildState state = decode(row);
                        out.put(state.key(), state);
                    }
                    return out;
                });
    }

    /**
     * Every child of every LA, in pages in key order, for a full recount; the page's children are locked until the
     * transaction ends (in key order), as {@link #load} locks them for a counting batch.
     *
     * @param after the last child of the previous page, or null for the first page
     */
    public Uni<List<ChildState>> page(SqlClient client, ChildKey after, int size) {
        // '' sorts before every LA code
        ChildKey from = after == null ? new ChildKey("", "") : after;
        return client.preparedQuery("""
                SELECT la, child_id, events, contribution FROM child_state
                WHERE (la, child_id) > ($1, $2) ORDER BY la, child_id LIMIT $3
                FOR UPDATE""")
                .execute(Tuple.of(from.la(), from.childId(), size))
                .map(rows -> {
                    List<ChildState> out = new ArrayList<>();
                    rows.forEach(r -> out.add(decode(r)));
                    return out;
                });
    }

    public Uni<Void> save(SqlClient client, Collection<ChildState> states) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = states.size();
        String[] las = new String[n];
        String[] children = new String[n];
        String[] events = new String[n];
        String[] contributions = new String[n];
        int i = 0;
        for (ChildState s : states) {
            las[i] = s.key().la();
            children[i] = s.key().childId();
            events[i] = write(s.events());
            contributions[i] = encode(s.contribution());
            i++;
        }
        return client.preparedQuery("""
                INSERT INTO child_state (la, child_id, events, contribution)
                SELECT la, child_id, events, contribution
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(la, child_id, events, contribution)
                ON CONFLICT (la, child_id) DO UPDATE SET events = excluded.events, contribution = excluded.contribution""")
                .execute(Tuple.of(las, children, events, contributions))
                .replaceWithVoid();
    }

    private static ChildState decode(Row row) {
        try {
            ChildKey key = new ChildKey(row.getString("la"), row.getString("child_id"));
            List<CaseEvent> events = JSON.readValue(row.getString("events"), EVENTS);
            Map<String, Long> raw = JSON.readValue(row.getString("contribution"), CONTRIBUTION);
            Map<CubeCell, Long> contribution = new HashMap<>();
            raw.forEach((k, v) -> contribution.put(decodeCell(k), v));
            return new ChildState(key, events, contribution);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable child state", e);
        }
    }

    /**
     * Contributions are stored as JSON objects keyed {@code measure|fy|cell}, written straight to text: building
     * an intermediate map of new key strings (hashing each) was a tenth of the service's CPU.
     */
    static String encode(Map<CubeCell, Long> contribution) {
        StringBuilder json = new StringBuilder(contribution.size() * 48 + 2).append('{');
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        contribution.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            quote.quoteAsString(k.measure(), json);
            json.append('|');
            quote.quoteAsString(k.fy(), json);
            json.append('|');
            quote.quoteAsString(k.cell(), json);
            json.append("\":").append(v.longValue());
        });
        return json.append('}').toString();
    }

    private static CubeCell decodeCell(String text) {
        int a = text.indexOf('|');
        int b = text.indexOf('|', a + 1);
        if (a < 0 || b < 0) {
            throw new IllegalStateException("malformed stored cell '" + text + "'");
        }
        return new CubeCell(text.substring(0, a), text.substring(a + 1, b), text.substring(b + 1));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
