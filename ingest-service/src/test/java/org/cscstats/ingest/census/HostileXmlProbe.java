package org.cscstats.ingest.census;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cscstats.ingest.validation.EventValidator;

/**
 * Run in a small-heap JVM by {@link CensusHostileInputTest}: feeds the reader hostile documents of a few hundred
 * MB, generated as they are read (never held), and prints one line per document: how it ended and the peak heap.
 * An OutOfMemoryError ends the JVM, so a missing line is a failure too.
 */
public final class HostileXmlProbe {
    static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Message><Header><CollectionDetails>"
            + "<Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails>"
            + "<Source><LEA>331</LEA></Source></Header><Children>";
    static final String CHILD_OPEN = "<Child><ChildIdentifiers><LAchildID>K1</LAchildID></ChildIdentifiers>";
    static final String FOOTER = "</Children></Message>";

    /** name → (prefix, the byte repeated, suffix): each document is prefix + n × byte + suffix. */
    static final Map<String, String[]> DOCUMENTS = Map.ofEntries(
            Map.entry("text-in-child", new String[] {HEADER + CHILD_OPEN + "<Junk>", "x", "</Junk></Child>" + FOOTER}),
            Map.entry("text-in-lachildid", new String[] {HEADER + "<Child><ChildIdentifiers><LAchildID>", "7",
                    "</LAchildID></ChildIdentifiers></Child>" + FOOTER}),
            Map.entry("text-between-children", new String[] {HEADER, " ", FOOTER}),
            Map.entry("text-in-header", new String[] {"<Message><Header><Source><LEA>", "3", "</LEA></Source></Header>"
                    + "<Children/></Message>"}),
            Map.entry("attribute", new String[] {HEADER + CHILD_OPEN + "<Junk a='", "x", "'/></Child>" + FOOTER}),
            Map.entry("attribute-with-gt", new String[] {HEADER + CHILD_OPEN + "<Junk a='", ">", "'/></Child>" + FOOTER}),
            Map.entry("comment", new String[] {HEADER + "<!--", "x", "-->" + FOOTER}),
            Map.entry("cdata", new String[] {HEADER + CHILD_OPEN + "<Junk><![CDATA[", "x", "]]></Junk></Child>" + FOOTER}),
            Map.entry("processing-instruction", new String[] {HEADER + "<?pi ", "x", "?>" + FOOTER}),
            Map.entry("doctype-internal-subset", new String[] {"<?xml version=\"1.0\"?><!DOCTYPE Message [<!-- ", "x",
                    " -->]>" + HEADER.substring(HEADER.indexOf("<Message>")) + FOOTER}),
            Map.entry("element-name", new String[] {HEADER + CHILD_OPEN + "<J", "x", "/></Child>" + FOOTER}),
            Map.entry("deep-nesting", new String[] {HEADER + CHILD_OPEN, "<a>", "</Child>" + FOOTER}),
            Map.entry("many-empty-children", new String[] {HEADER, "<Child/>", FOOTER}),
            Map.entry("many-elements-in-a-child", new String[] {HEADER + CHILD_OPEN, "<x/>", "</Child>" + FOOTER}));

    private HostileXmlProbe() {
    }

    /** {@code prefix + unit × (bytes / unit length) + suffix}, generated on demand. */
    static InputStream document(String name, long bytes) {
        String[] d = DOCUMENTS.get(name);
        byte[] unit = d[1].getBytes(StandardCharsets.UTF_8);
        InputStream body = new Repeating(unit, bytes / unit.length);
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(d[0].getBytes(StandardCharsets.UTF_8)), body,
                new ByteArrayInputStream(d[2].getBytes(StandardCharsets.UTF_8)))));
    }

    /** A stream of one unit repeated, filled a buffer at a time. */
    static final class Repeating extends InputStream {
        private final byte[] unit;
        private long left;
        private int pos;

        Repeating(byte[] unit, long repeats) {
            this.unit = unit;
            this.left = repeats * unit.length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = unit[pos];
                pos = pos + 1 == unit.length ? 0 : pos + 1;
            }
            left -= n;
            return n;
        }
    }

    /** args: bytes per document, then document names. Prints {@code name outcome peakHeapMB=n}. */
    public static void main(String[] args) {
        CinCensusReader reader = new CinCensusReader(new EventValidator(Clock.systemUTC()));
        long bytes = Long.parseLong(args[0]);
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String outcome;
            try {
                CensusInfo info = reader.check(document(name, bytes));
                CensusSummary s = reader.read(document(name, bytes), e -> { });
                outcome = "imported children=" + info.children() + " rejected=" + s.rejectedTotal();
            } catch (CensusFormatException e) {
                outcome = "refused " + e.getMessage().replace('\n', ' ');
            } catch (Throwable e) {
                outcome = "FAILED " + e;
            }
            System.out.println(name + " " + outcome + " peakHeapMB=" + peakHeap() / (1 << 20));
            resetPeaks();
        }
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }
}
