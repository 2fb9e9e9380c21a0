package org.cscstats.stats.repository;

import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The consumer's position per partition, stored with the counts so a crash can neither lose nor repeat work. */
@ApplicationScoped
public class OffsetRepository {
    private final AgroalDataSource jdbc;

    public OffsetRepository(AgroalDataSource jdbc) {
        this.jdbc = jdbc;
    }

    public Uni<Void> save(SqlClient client, String topic, Map<Integer, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Integer[] partitions = nextOffsets.keySet().toArray(Integer[]::new);
        Long[] offsets = new Long[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            offsets[i] = nextOffsets.get(partitions[i]);
        }
        return client.preparedQuery("""
                INSERT INTO consumer_offset (topic, partition, next_offset)
                SELECT $1, p, o FROM unnest($2::int[], $3::bigint[]) AS t(p, o)
                ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset""")
                .execute(Tuple.of(topic, partitions, offsets))
                .replaceWithVoid();
    }

    /** Blocking read, for the rebalance listener, which runs on the consumer's own thread. */
    public Map<Integer, Long> load(String topic) {
        Map<Integer, Long> out = new HashMap<>();
        try (Connection c = jdbc.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT partition, next_offset FROM consumer_offset WHERE topic = ?")) {
            s.setString(1, topic);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read consumer offsets", e);
        }
        return out;
    }
}
