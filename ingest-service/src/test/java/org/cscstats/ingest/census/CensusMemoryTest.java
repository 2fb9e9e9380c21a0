package org.cscstats.ingest.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader streams: a census far larger than the heap is read in a JVM limited to 64 MB. */
class CensusMemoryTest {
    static final int CHILDREN = 20_000;

    /** Deterministic synthetic children: two episodes each, every module, about 3 KB of XML per child. */
    static Census.Child child(int n) {
        SplittableRandom r = new SplittableRandom(n);
        List<Census.CinDetails> episodes = new ArrayList<>();
        LocalDate ref = LocalDate.of(2019, 4, 1).plusDays(r.nextInt(1500));
        for (int e = 0; e < 2; e++) {
            LocalDate rd = ref.plusDays(200L * e);
            episodes.add(new Census.CinDetails(rd, "1A", rd.plusDays(150), "RC8",
                    List.of(new Census.Assessment(rd.plusDays(1), rd.plusDays(20), List.of("2B", "3A", "10A")),
                            new Census.Assessment(rd.plusDays(30), rd.plusDays(45), List.of("21"))),
                    List.of(new Census.CinPlan(rd.plusDays(50), rd.plusDays(120))),
                    List.of(new Census.Section47(rd.plusDays(5))),
                    List.of(new Census.CpPlan(rd.plusDays(25), rd.plusDays(140), "NEG"))));
        }
        return new Census.Child("LA" + n, LocalDate.of(2008, 1, 1).plusDays(r.nextInt(4000)), null,
                r.nextBoolean() ? "M" : "F", "WBRI", episodes);
    }

    @Test
    void readsALargeFileInA64MbHeap(@TempDir Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("big.xml");
        CinCensusWriter.write(file, Census.Header.forYear("331", 2024), CinCensusWriter.SexElement.GENDER_CURRENT,
                () -> IntStream.range(0, CHILDREN).mapToObj(CensusMemoryTest::child).iterator());
        long size = Files.size(file);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CensusMemoryProbe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        System.out.printf("census of %,d children, %,d MB: %s", CHILDREN, size >> 20, out);
        assertEquals(0, p.exitValue(), out);
        // per child: details + 2 × (referral, closure, 2 assessments, 2 cin-plan, section47, 2 cp-plan)
        assertTrue(out.contains("children=" + CHILDREN + " referrals=" + 2 * CHILDREN + " events=" + 19 * CHILDREN
                + " rejected=0"), out);
        assertTrue(size > 48L << 20, "the file should be comparable to the heap: " + size);
    }
}
