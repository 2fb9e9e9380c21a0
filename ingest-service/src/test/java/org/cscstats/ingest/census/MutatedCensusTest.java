package org.cscstats.ingest.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cscstats.contract.CaseEvent;
import org.cscstats.ingest.validation.EventValidator;

/**
 * Mutated valid census files (byte flips, truncation, swapped, dropped and repeated elements, hostile snippets
 * spliced in): the reader either refuses the file whole with a {@link CensusFormatException} at {@link
 * CinCensusReader#check}, or — once the check passed — reads it to the end without failing, emits only events
 * that pass the event rules, and reports the rest by position. Nothing it says repeats an identifier.
 */
class MutatedCensusTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    static final byte[] BASE = base();
    /** Leaf elements of the base file: {@code <Name>text</Name>}, as [start, end) byte ranges. */
    static final List<int[]> LEAVES = leaves(BASE);
    /** Values from the base file that must never be repeated in an error (identifiers, a UPN). */
    static final List<String> SECRETS = List.of("DEV0001", "DEV0002", "DEV0003", "EV000", "A123456789012");
    static final List<String> SNIPPETS = List.of("<!DOCTYPE Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
            "&x;", "&#0;", "&#x1F;", "\u0001", "<![CDATA[<Child>]]>", "]]>", "<?pi data?>", "<!-- - -->", "<!---->",
            "<a b='>'/>", "</Child>", "<Child>", "<Children>", "<LEA>856</LEA>", "\uFEFF", "<CINdetails>",
            "<CINreferralDate>1899-12-31</CINreferralDate>", "<CINreferralDate>9999-99-99</CINreferralDate>",
            "<AssessmentFactors>ZZ</AssessmentFactors>", "\u202E", "<x xmlns:y='urn:y' y:z='1'/>", "<y:z/>", "&amp;",
            "&lt;", "<", ">", "&", "\"", "'");

    final EventValidator validator = new EventValidator(CLOCK);
    final CinCensusReader reader = new CinCensusReader(validator);

    @Property(tries = 400)
    void aMutatedCensusIsRefusedWholeOrReadToTheEnd(@ForAll("mutated") byte[] file) {
        CensusInfo info;
        try {
            info = reader.check(new ByteArrayInputStream(file));
        } catch (CensusFormatException e) {
            assertNotNull(e.getMessage());
            assertNoSecret(e.getMessage());
            return;
        }
        List<CaseEvent> events = new ArrayList<>();
        CensusSummary summary = reader.read(new ByteArrayInputStream(file), events::add);
        assertEquals(info.children(), summary.children());
        assertEquals(info.la(), summary.la());
        assertEquals(events.size(), summary.eventsRead());
        for (CaseEvent e : events) {
            assertTrue(validator.validate(e, 0).valid(), () -> "an invalid event was emitted: " + e);
            assertEquals(info.la(), e.la());
        }
        for (Rejected r : summary.rejected()) {
            assertTrue(r.child() >= 1 && r.child() <= summary.children(), r.toString());
            assertNoSecret(r.element() + " " + r.reason());
        }
    }

    @Property(tries = 100)
    void truncatedAnywhereIsRefused(@ForAll("cuts") int length) {
        byte[] cut = java.util.Arrays.copyOf(BASE, length);
        try {
            reader.check(new ByteArrayInputStream(cut));
            throw new AssertionError("a census cut at byte " + length + " of " + BASE.length + " passed the check");
        } catch (CensusFormatException e) {
            assertNoSecret(e.getMessage());
        }
    }

    @Provide
    Arbitrary<Integer> cuts() {
        // before the closing </Message> the file is not well-formed; after it only white space is left
        int end = new String(BASE, StandardCharsets.UTF_8).lastIndexOf("</Message>");
        return Arbitraries.integers().between(0, end + "</Message>".length() - 1);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<Mutation> flip = Combinators.combine(Arbitraries.integers().between(0, BASE.length - 1),
                Arbitraries.integers().between(1, 255)).as((at, xor) -> f -> {
                    if (f.length == 0) {
                        return f;
                    }
                    byte[] out = f.clone();
                    out[Math.min(at, out.length - 1)] ^= (byte) (int) xor;
                    return out;
                });
        Arbitrary<Mutation> truncate = Arbitraries.integers().between(0, BASE.length).map(n -> f -> java.util.Arrays
                .copyOf(f, Math.min(n, f.length)));
        Arbitrary<Integer> leaf = Arbitraries.integers().between(0, LEAVES.size() - 1);
        Arbitrary<Mutation> swap = Combinators.combine(leaf, leaf).as((a, b) -> f -> f == BASE ? swapLeaves(a, b) : f);
        Arbitrary<Mutation> drop = leaf.map(a -> f -> f == BASE ? replaceLeaf(a, "") : f);
        Arbitrary<Mutation> repeat = leaf.map(a -> f -> f == BASE ? replaceLeaf(a, leafText(a) + leafText(a)) : f);
        Arbitrary<Mutation> splice = Combinators.combine(Arbitraries.integers().between(0, BASE.length),
                Arbitraries.of(SNIPPETS)).as((at, s) -> f -> {
                    int p = Math.min(at, f.length);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.write(f, 0, p);
                    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                    out.write(f, p, f.length - p);
                    return out.toByteArray();
                });
        // element-level mutations first (they address the unmutated file), then up to three byte-level ones
        Arbitrary<Mutation> structural = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, swap), net.jqwik.api.Tuple.of(1, drop), net.jqwik.api.Tuple.of(1, repeat),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(f -> f)));
        Arbitrary<List<Mutation>> bytewise = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, flip),
                net.jqwik.api.Tuple.of(1, truncate), net.jqwik.api.Tuple.of(4, splice)).list().ofMinSize(0).ofMaxSize(3);
        return Combinators.combine(structural, bytewise).as((s, bs) -> {
            byte[] f = s.apply(BASE);
            for (Mutation m : bs) {
                f = m.apply(f);
            }
            return f;
        });
    }

    interface Mutation {
        byte[] apply(byte[] file);
    }

    static byte[] swapLeaves(int a, int b) {
        if (a == b) {
            return BASE;
        }
        int[] first = LEAVES.get(Math.min(a, b));
        int[] second = LEAVES.get(Math.max(a, b));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(BASE, 0, first[0]);
        out.write(BASE, second[0], second[1] - second[0]);
        out.write(BASE, first[1], second[0] - first[1]);
        out.write(BASE, first[0], first[1] - first[0]);
        out.write(BASE, second[1], BASE.length - second[1]);
        return out.toByteArray();
    }

    static byte[] replaceLeaf(int a, String with) {
        int[] l = LEAVES.get(a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(BASE, 0, l[0]);
        out.writeBytes(with.getBytes(StandardCharsets.UTF_8));
        out.write(BASE, l[1], BASE.length - l[1]);
        return out.toByteArray();
    }

    static String leafText(int a) {
        int[] l = LEAVES.get(a);
        return new String(BASE, l[0], l[1] - l[0], StandardCharsets.UTF_8);
    }

    static void assertNoSecret(String text) {
        for (String s : SECRETS) {
            assertFalse(text.contains(s), () -> "the message repeats a value of the file: " + text);
        }
    }

    private static byte[] base() {
        try (InputStream in = MutatedCensusTest.class.getResourceAsStream("/census/cin-mixed.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<int[]> leaves(byte[] file) {
        // the base file is ASCII, so character offsets are byte offsets
        Matcher m = Pattern.compile("<(\\w+)>[^<]*</\\1>").matcher(new String(file, StandardCharsets.US_ASCII));
        List<int[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }
}
