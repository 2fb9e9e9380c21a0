package org.cscstats.local.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateMainTest {
    @Test
    void writesTheFileTheConfigDescribes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("e.ndjson");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int code = GenerateMain.run(new String[] {"--las", "2", "--from", "2022", "--to", "2023", "--seed", "7",
                "--referrals", "200", "--out", out.toString()}, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        GeneratorConfig same = GeneratorConfig.defaults().withLas(2).withYears(2022, 2023).withSeed(7)
                .withReferralsPerLaPerYear(200);
        Path expected = dir.resolve("expected.ndjson");
        NdjsonWriter.write(new CaseHistoryGenerator(same).iterator(), expected);
        assertEquals(-1, Files.mismatch(out, expected));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("LA 331") && text.contains("LA 856") && text.contains("events/s"), text);
    }

    @Test
    void readsEveryOption() {
        GeneratorConfig c = GenerateMain.config(GenerateMain.parse(new String[] {"--las", "3", "--from", "2020",
                "--to", "2021", "--seed", "9", "--referrals", "1000", "--today", "2022-01-02", "--duplicates", "0.1",
                "--late", "0.2", "--out-of-order", "0.3", "--window", "4", "--corrections", "0.5",
                "--retractions", "0.6"}));
        assertEquals(new GeneratorConfig(9, 3, 2020, 2021, 1000, new Messiness(0.1, 0.2, 0.3, 4, 0.5, 0.6),
                LocalDate.of(2022, 1, 2)), c);
        assertEquals(Messiness.NONE, GenerateMain.config(GenerateMain.parse(new String[] {"--clean"})).messiness());
        assertThrows(IllegalArgumentException.class, () -> GenerateMain.parse(new String[] {"--lass", "3"}));
        assertThrows(IllegalArgumentException.class, () -> GenerateMain.parse(new String[] {"--las"}));
        assertThrows(IllegalArgumentException.class,
                () -> GenerateMain.config(GenerateMain.parse(new String[] {"--today", "soon"})));
    }
}
