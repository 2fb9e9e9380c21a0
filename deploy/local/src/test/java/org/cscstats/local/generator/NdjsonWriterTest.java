package org.cscstats.local.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonWriterTest {
    private final GeneratorConfig config = GeneratorConfig.defaults().withReferralsPerLaPerYear(200).withYears(2023, 2023);

    @Test
    void oneEventPerLineInTheContractsJson(@TempDir Path dir) throws Exception {
        CaseHistoryGenerator generator = new CaseHistoryGenerator(config);
        Path file = dir.resolve("events.ndjson");
        long n = NdjsonWriter.write(generator.iterator(), file);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"));
        List<String> lines = text.lines().toList();
        assertEquals(n, lines.size());
        ObjectMapper mapper = Json.mapper(); // fails on unknown fields, as ingest does
        List<CaseEvent> read = new ArrayList<>();
        for (String line : lines) {
            assertTrue(line.startsWith("{\"id\":\"") && line.endsWith("}"), line);
            assertFalse(line.contains("null"), "absent fields are omitted: " + line);
            read.add(mapper.readValue(line, CaseEvent.class));
        }
        assertEquals(generator.toList(), read);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"date\":\"2023-")), "ISO dates");
    }

    @Test
    void batchBodiesAreTheSameLines() {
        List<CaseEvent> events = new CaseHistoryGenerator(config).toList().subList(0, 50);
        String body = new String(NdjsonWriter.toBytes(events), StandardCharsets.UTF_8);
        assertEquals(50, body.lines().count());
        assertTrue(body.endsWith("}\n"));
    }
}
