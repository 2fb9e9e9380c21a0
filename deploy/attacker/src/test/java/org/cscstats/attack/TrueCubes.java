package org.cscstats.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.cscstats.attack.model.Cell;
import org.cscstats.contract.Measure;

/**
 * The test's oracle: the true cube values each release was made from, as the suppression service stored them
 * (table {@code release_input}, one JSON list of cubes per release). Never seen by the attacker.
 */
final class TrueCubes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<Cell, Long>> byRelease = new HashMap<>();
    private final Map<String, String> raw = new HashMap<>();

    static TrueCubes read(String jdbcUrl, String user, String password, String la) throws Exception {
        TrueCubes out = new TrueCubes();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement s = c.prepareStatement("SELECT r.id, i.cubes::text FROM release_input i "
                     + "JOIN release r ON r.id = i.release_id WHERE r.la = ?")) {
            s.setString(1, la);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.byRelease.put(rs.getString(1), cells(JSON.readTree(rs.getString(2))));
                    out.raw.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Writes each release's cube list as {@code <release id>.json}, for {@link #fromFiles} (offline reruns). */
    void save(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            java.nio.file.Files.writeString(dir.resolve(e.getKey() + ".json"), e.getValue());
        }
    }

    /** The same, from files {@code <release id>.json} holding each release's cube list (for offline reruns). */
    static TrueCubes fromFiles(java.nio.file.Path dir) throws Exception {
        TrueCubes out = new TrueCubes();
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.toList()) {
                String id = f.getFileName().toString().replace(".json", "");
                out.byRelease.put(id, cells(JSON.readTree(java.nio.file.Files.readString(f))));
            }
        }
        return out;
    }

    private static Map<Cell, Long> cells(JsonNode cubes) {
        Map<Cell, Long> cells = new HashMap<>();
        for (JsonNode cube : cubes) {
            Measure m = Measure.byId(cube.path("measure").asText());
            String fy = cube.path("fy").asText();
            for (Iterator<Map.Entry<String, JsonNode>> it = cube.path("cells").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                cells.put(new Cell(m, fy, e.getKey()), e.getValue().asLong());
            }
        }
        return cells;
    }

    boolean has(String release) {
        return byRelease.containsKey(release);
    }

    /** The true count of a cell in a release (absent cells are 0). */
    long of(String release, Cell cell) {
        return byRelease.get(release).getOrDefault(cell, 0L);
    }
}
