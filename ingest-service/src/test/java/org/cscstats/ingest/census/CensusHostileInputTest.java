package org.cscstats.ingest.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.cscstats.contract.CaseEvent;
import org.cscstats.ingest.validation.EventValidator;
import org.junit.jupiter.api.Test;

/**
 * Hostile census files at the reader: constructs the JDK parser would hold whole, nesting, encodings it cannot
 * guard, and parser messages that would quote the file. Memory is checked in a JVM whose heap is smaller than
 * each document ({@link HostileXmlProbe}).
 */
class CensusHostileInputTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    /** Each hostile document; buffering any one of them as characters would need 128 MB, three times the heap. */
    static final long DOCUMENT_BYTES = 64L << 20;
    static final String HEAP = "-Xmx40m";

    final CinCensusReader reader = new CinCensusReader(new EventValidator(CLOCK));

    @Test
    void hostileDocumentsLargerThanTheHeapAreReadOrRefusedInBoundedMemory() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), HostileXmlProbe.class.getName(),
                Long.toString(DOCUMENT_BYTES)));
        cmd.addAll(new java.util.TreeSet<>(HostileXmlProbe.DOCUMENTS.keySet()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        System.out.print(out);
        assertEquals(0, p.exitValue(), out);
        Map<String, String> outcome = new TreeMap<>();
        for (String line : out.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && HostileXmlProbe.DOCUMENTS.containsKey(line.substring(0, space))) {
                outcome.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        assertEquals(HostileXmlProbe.DOCUMENTS.keySet(), outcome.keySet(), "every document must be reported: " + out);
        outcome.forEach((name, result) -> assertFalse(result.startsWith("FAILED"), name + ": " + result));
        // the constructs the parser would hold whole are refused; text is streamed and the child reported
        for (String refused : List.of("text-in-header", "attribute", "attribute-with-gt", "comment", "cdata",
                "processing-instruction", "doctype-internal-subset", "element-name", "deep-nesting")) {
            assertTrue(outcome.get(refused).startsWith("refused "), refused + ": " + outcome.get(refused));
        }
        for (String imported : List.of("text-in-child", "text-in-lachildid", "many-elements-in-a-child")) {
            assertTrue(outcome.get(imported).startsWith("imported children=1 rejected=1"), imported + ": " + outcome.get(imported));
        }
    }

    @Test
    void deepNestingInsideAChildIsRefusedNotAStackOverflow() {
        // 30,000 levels under an assessment once overflowed the stack while its factors were collected
        String deep = HostileXmlProbe.HEADER + "<Child><ChildIdentifiers><LAchildID>K</LAchildID></ChildIdentifiers>"
                + "<CINdetails><CINreferralDate>2023-01-01</CINreferralDate><ReferralSource>1A</ReferralSource>"
                + "<Assessments><AssessmentAuthorisationDate>2023-02-01</AssessmentAuthorisationDate>"
                + "<a>".repeat(30_000) + "</a>".repeat(30_000) + "</Assessments></CINdetails></Child>" + HostileXmlProbe.FOOTER;
        CensusFormatException e = assertThrows(CensusFormatException.class, () -> reader.check(xml(deep)));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());
        assertThrows(CensusFormatException.class, () -> reader.read(xml(deep), x -> { }));
        // the deepest a census may nest is still read
        String ok = deep.replace("<a>".repeat(30_000) + "</a>".repeat(30_000),
                "<a>".repeat(SafeXml.MAX_DEPTH - 6) + "</a>".repeat(SafeXml.MAX_DEPTH - 6));
        assertEquals(1, reader.check(xml(ok)).children());
    }

    @Test
    void onlyAsciiCompatibleEncodingsAreRead() {
        String file = HostileXmlProbe.HEADER + "<Child><ChildIdentifiers><LAchildID>K</LAchildID></ChildIdentifiers>"
                + "</Child>" + HostileXmlProbe.FOOTER;
        assertEquals(1, reader.check(xml(file)).children());
        byte[] bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, file.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, reader.check(new ByteArrayInputStream(bom)).children());
        assertEquals(1, reader.check(xml("\n  " + file.substring(file.indexOf("<Message>")))).children());
        String latin = file.replace("UTF-8", "ISO-8859-1");
        assertEquals(1, reader.check(new ByteArrayInputStream(latin.getBytes(StandardCharsets.ISO_8859_1))).children());
        // bytes in which '<', '>' and quotes are not ASCII cannot be guarded: refused
        String utf16 = file.replace("UTF-8", "UTF-16");
        for (byte[] bytes : List.of(utf16.getBytes(StandardCharsets.UTF_16), utf16.getBytes(StandardCharsets.UTF_16LE),
                utf16.getBytes(StandardCharsets.UTF_16BE), file.replace("UTF-8", "IBM037").getBytes(StandardCharsets.US_ASCII),
                file.replace("UTF-8", "UTF-32").getBytes(java.nio.charset.Charset.forName("UTF-32")))) {
            CensusFormatException e = assertThrows(CensusFormatException.class,
                    () -> reader.check(new ByteArrayInputStream(bytes)), () -> Arrays.toString(Arrays.copyOf(bytes, 8)));
            assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        }
    }

    @Test
    void parserMessagesDoNotQuoteTheFile() {
        // a '<' typed into an identifier makes the rest of it an element name, which the parser would quote
        String file = HostileXmlProbe.HEADER + "<Child><ChildIdentifiers><LAchildID>K<SECRET99</LAchildID>"
                + "</ChildIdentifiers></Child>" + HostileXmlProbe.FOOTER;
        CensusFormatException e = assertThrows(CensusFormatException.class, () -> reader.check(xml(file)));
        assertFalse(e.getMessage().contains("SECRET99"), e.getMessage());
        assertTrue(e.getMessage().startsWith("not well-formed XML at line 1, column"), e.getMessage());
        // a census element name is still named
        CensusFormatException unclosed = assertThrows(CensusFormatException.class, () -> reader.check(xml(
                HostileXmlProbe.HEADER + "<Child><ChildIdentifiers></Child>" + HostileXmlProbe.FOOTER)));
        assertTrue(unclosed.getMessage().contains("\"ChildIdentifiers\""), unclosed.getMessage());
    }

    @Test
    void aCommentOrCdataSplitAcrossReadsIsFollowed() {
        // the guard must track "-->" and "]]>" across buffer boundaries and inside the construct
        String file = HostileXmlProbe.HEADER + "<!-- a -- b - > -->" + "<Child><ChildIdentifiers><LAchildID><![CDATA[K]>]]>"
                + "</LAchildID></ChildIdentifiers></Child><?pi ? > ?>" + HostileXmlProbe.FOOTER;
        List<CaseEvent> events = new ArrayList<>();
        ByteArrayInputStream oneByteAtATime = new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        // "a -- b" is not allowed in an XML comment: the parser, not the guard, refuses it
        assertThrows(CensusFormatException.class, () -> reader.check(oneByteAtATime));
        String valid = file.replace("<!-- a -- b - > -->", "<!-- a - b - > -->");
        reader.read(xml(valid), events::add);
        assertEquals("K]>", events.get(0).childId());
    }

    static ByteArrayInputStream xml(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
