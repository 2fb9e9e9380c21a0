package org.cscstats.ingest.census;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.CaseEvent;
import org.cscstats.ingest.validation.EventValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CinCensusReaderTest {
    /** Today is 2025-06-15 in London. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    final EventValidator validator = new EventValidator(CLOCK);
    final CinCensusReader reader = new CinCensusReader(validator);

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static CaseEvent.Builder ev(String id, String type, String child, String referralId, String date) {
        return CaseEvent.builder().id(id).type(type).la("331").childId(child).referralId(referralId).date(d(date))
                .source("cin-census");
    }

    static CaseEvent details(String child, LocalDate birth, LocalDate expected, String sex, String ethnicity) {
        return ev("cin:" + child + ":details:2025-03-31", "child-details", child, null, "2025-03-31")
                .child(new CaseEvent.Child(birth, expected, sex, ethnicity)).build();
    }

    static CaseEvent referral(String child, String date, String source) {
        String p = "cin:" + child + ":" + date + ":";
        return ev(p + "referral:" + date, "referral", child, "cin:" + date, date).referralSource(source).build();
    }

    static CaseEvent closure(String child, String ref, String date, String reason) {
        String p = "cin:" + child + ":" + ref + ":";
        return ev(p + "closure:" + date, "closure", child, "cin:" + ref, date).reason(reason).build();
    }

    static CaseEvent assessment(String child, String ref, String date, String start, List<String> factors) {
        String p = "cin:" + child + ":" + ref + ":";
        return ev(p + "assessment:" + date, "assessment", child, "cin:" + ref, date).assessmentId(p + "asmt:" + date)
                .startDate(start == null ? null : d(start)).factors(factors).build();
    }

    static CaseEvent section47(String child, String ref, String date) {
        String p = "cin:" + child + ":" + ref + ":";
        return ev(p + "section47:" + date, "section47", child, "cin:" + ref, date).enquiryId(p + "s47:" + date).build();
    }

    static CaseEvent plan(String type, String child, String ref, String start, String action, String date, String category) {
        String p = "cin:" + child + ":" + ref + ":";
        String planId = p + (type.equals("cp-plan") ? "cp:" : "cinplan:") + start;
        return ev(p + type + ":" + date + ":" + action, type, child, "cin:" + ref, date).planId(planId).action(action)
                .category(category).build();
    }

    /** Exactly what the mapping of docs/events.md › CIN census XML import gives for cin-mixed.xml, in document order. */
    static final List<CaseEvent> MIXED = List.of(
            details("DEV0001", d("2012-04-05"), null, "M", "WBRI"),
            referral("DEV0001", "2023-05-01", "1A"),
            closure("DEV0001", "2023-05-01", "2023-09-10", "RC7"),
            assessment("DEV0001", "2023-05-01", "2023-05-20", "2023-05-02", List.of("1A", "2B", "10A")),
            plan("cin-plan", "DEV0001", "2023-05-01", "2023-06-01", "start", "2023-06-01", null),
            plan("cin-plan", "DEV0001", "2023-05-01", "2023-06-01", "end", "2023-09-01", null),
            referral("DEV0001", "2024-01-10", "6"),
            section47("DEV0001", "2024-01-10", "2024-01-11"),
            plan("cp-plan", "DEV0001", "2024-01-10", "2024-01-20", "start", "2024-01-20", "NEG"),
            details("DEV0002", null, d("2025-09-01"), "F", "MOTH"),
            referral("DEV0002", "2024-11-01", "3B"),
            closure("DEV0002", "2024-11-01", "2024-11-25", "RC8"),
            assessment("DEV0002", "2024-11-01", "2024-11-20", null, null),
            plan("cp-plan", "DEV0002", "2024-11-01", "2024-11-05", "start", "2024-11-05", "PHY"),
            plan("cp-plan", "DEV0002", "2024-11-01", "2024-11-05", "end", "2024-11-24", null),
            details("DEV0003", d("2008-12-31"), null, "U", null),
            referral("DEV0003", "2025-02-03", "10"),
            plan("cin-plan", "DEV0003", "2025-02-03", "2025-03-01", "start", "2025-03-01", null),
            section47("DEV0003", "2025-02-03", "2025-02-10"));

    static InputStream resource(String name) {
        return CinCensusReaderTest.class.getResourceAsStream("/census/" + name);
    }

    static InputStream xml(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    List<CaseEvent> readAll(InputStream in, List<CensusSummary> summary) {
        List<CaseEvent> out = new ArrayList<>();
        CensusSummary s = reader.read(in, out::add);
        if (summary != null) {
            summary.add(s);
        }
        return out;
    }

    @Test
    void mapsEveryModuleOfEveryChild() {
        List<CensusSummary> s = new ArrayList<>();
        List<CaseEvent> events = readAll(resource("cin-mixed.xml"), s);
        assertEquals(MIXED, events);
        assertEquals(new CensusSummary("331", d("2025-03-31"), 3, 4, 19, List.of(), 0), s.get(0));
        for (CaseEvent e : events) {
            assertTrue(validator.validate(e, 0).valid(), e.id());
        }
    }

    @Test
    void rereadingGivesTheSameIds() {
        assertEquals(readAll(resource("cin-mixed.xml"), null), readAll(resource("cin-mixed.xml"), null));
    }

    @Test
    void checkReturnsTheLaBeforeAnythingIsEmitted() {
        assertEquals(new CensusInfo("331", d("2025-03-31"), 3), reader.check(resource("cin-mixed.xml")));
    }

    @Test
    void iteratorPullsChildByChild() {
        try (CensusEvents it = reader.open(resource("cin-mixed.xml"))) {
            assertTrue(it.hasNext());
            assertEquals("331", it.la());
            assertEquals(MIXED.get(0), it.next());
            assertEquals(1, it.summary().children(), "only the first child has been read");
        }
    }

    @Test
    void writerRoundTripsInBothSexSpellings(@TempDir Path dir) throws IOException {
        List<Census.Child> children = List.of(
                new Census.Child("DEV0001", d("2012-04-05"), null, "M", "WBRI", List.of(
                        new Census.CinDetails(d("2023-05-01"), "1A", d("2023-09-10"), "RC7",
                                List.of(new Census.Assessment(d("2023-05-02"), d("2023-05-20"), List.of("2B", "10A", "1A")),
                                        new Census.Assessment(d("2023-08-01"), null, List.of())),
                                List.of(new Census.CinPlan(d("2023-06-01"), d("2023-09-01"))), List.of(), List.of()),
                        new Census.CinDetails(d("2024-01-10"), "6", null, null, List.of(), List.of(),
                                List.of(new Census.Section47(d("2024-01-11"))),
                                List.of(new Census.CpPlan(d("2024-01-20"), null, "NEG"))))),
                new Census.Child("DEV0002", null, d("2025-09-01"), "F", "MOTH", List.of(
                        new Census.CinDetails(d("2024-11-01"), "3B", d("2024-11-25"), "RC8",
                                List.of(new Census.Assessment(null, d("2024-11-20"), List.of())), List.of(), List.of(),
                                List.of(new Census.CpPlan(d("2024-11-05"), d("2024-11-24"), "PHY"))))),
                new Census.Child("DEV0003", d("2008-12-31"), null, "U", null, List.of(
                        new Census.CinDetails(d("2025-02-03"), "10", null, null, List.of(),
                                List.of(new Census.CinPlan(d("2025-03-01"), null)),
                                List.of(new Census.Section47(d("2025-02-10"))), List.of()))));
        for (CinCensusWriter.SexElement style : CinCensusWriter.SexElement.values()) {
            Path file = dir.resolve(style + ".xml");
            CinCensusWriter.write(file, Census.Header.forYear("331", 2025), style, children);
            String text = Files.readString(file);
            assertTrue(text.contains(style == CinCensusWriter.SexElement.SEX ? "<Sex>F</Sex>" : "<GenderCurrent>2</GenderCurrent>"));
            assertEquals(new CensusInfo("331", d("2025-03-31"), 3), reader.check(file));
            List<CaseEvent> events = new ArrayList<>();
            CensusSummary s = reader.read(file, events::add);
            assertEquals(MIXED, events, style.toString());
            assertEquals(List.of(), s.rejected());
        }
    }

    static final String HEADER = "<?xml version=\"1.0\"?><Message><Header><CollectionDetails><Collection>CIN</Collection>"
            + "<Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails><Source><SourceLevel>L"
            + "</SourceLevel><LEA>331</LEA></Source></Header><Children>";
    static final String FOOTER = "</Children></Message>";

    @Test
    void invalidElementsAreReportedByPositionAndTheRestIsImported() {
        String file = HEADER
                + "<Child><ChildIdentifiers><LAchildID>BAD001</LAchildID><PersonBirthDate>2020-02-30</PersonBirthDate>"
                + "<GenderCurrent>1</GenderCurrent></ChildIdentifiers><ChildCharacteristics><Ethnicity>XXXX</Ethnicity>"
                + "</ChildCharacteristics>"
                + "<CINdetails><CINreferralDate>2024-01-01</CINreferralDate><ReferralSource>ZZ</ReferralSource>"
                + "<CINclosureDate>2024-03-01</CINclosureDate><ReasonForClosure>RC99</ReasonForClosure>"
                + "<Assessments><AssessmentAuthorisationDate>2024-13-01</AssessmentAuthorisationDate></Assessments>"
                + "<Assessments><AssessmentActualStartDate>yesterday</AssessmentActualStartDate>"
                + "<AssessmentAuthorisationDate>2024-02-01</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment>"
                + "<AssessmentFactors>2B</AssessmentFactors><AssessmentFactors>99Z</AssessmentFactors>"
                + "</FactorsIdentifiedAtAssessment></Assessments>"
                + "<ChildProtectionPlans><CPPstartDate>2024-01-05</CPPstartDate><CPPendDate>2024-02-05</CPPendDate>"
                + "</ChildProtectionPlans></CINdetails>"
                + "<CINdetails><ReferralSource>1A</ReferralSource></CINdetails>"
                + "<CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>2A</ReferralSource>"
                + "<Section47><S47ActualStartDate>2026-01-01</S47ActualStartDate></Section47>"
                + "<CINPlanDates><CINPlanEndDate>2024-06-01</CINPlanEndDate></CINPlanDates></CINdetails></Child>"
                + "<Child><ChildIdentifiers><UPN>X</UPN><Sex>M</Sex></ChildIdentifiers>"
                + "<CINdetails><CINreferralDate>2024-01-01</CINreferralDate><ReferralSource>1A</ReferralSource></CINdetails>"
                + "</Child>"
                + "<Child><ChildIdentifiers><LAchildID>OK3</LAchildID><Sex>m</Sex></ChildIdentifiers>"
                + "<CINdetails><CINreferralDate>2024-06-01</CINreferralDate><ReferralSource>5a</ReferralSource></CINdetails>"
                + "</Child>" + FOOTER;
        List<CensusSummary> s = new ArrayList<>();
        List<CaseEvent> events = readAll(xml(file), s);
        CensusSummary summary = s.get(0);
        assertEquals(List.of(
                "1 ChildIdentifiers/PersonBirthDate",
                "1 ChildCharacteristics/Ethnicity",
                "1 CINdetails[1]/ReferralSource",
                "1 CINdetails[1]/ReasonForClosure",
                "1 CINdetails[1]/Assessments[1]",
                "1 CINdetails[1]/Assessments[2]/AssessmentActualStartDate",
                "1 CINdetails[1]/Assessments[2]/AssessmentFactors[2]",
                "1 CINdetails[1]/ChildProtectionPlans[1]/InitialCategoryOfAbuse",
                "1 CINdetails[2]",
                "1 CINdetails[3]/CINPlanDates[1]",
                "1 CINdetails[3]/Section47[1]",
                "2 ChildIdentifiers/LAchildID"),
                summary.rejected().stream().map(r -> r.child() + " " + r.element()).toList(), summary.rejected().toString());
        assertEquals(12, summary.rejectedTotal());
        assertTrue(summary.rejected().get(10).reason().contains("date must not be after today"),
                summary.rejected().get(10).reason());
        for (Rejected r : summary.rejected()) {
            for (String secret : List.of("BAD001", "2020-02-30", "XXXX", "ZZ", "99Z", "yesterday", "RC99", "2024-13-01")) {
                assertFalse(r.reason().contains(secret), r.toString());
            }
        }
        assertEquals(List.of(
                details("BAD001", null, null, "M", null),
                assessment("BAD001", "2024-01-01", "2024-02-01", null, List.of("2B")),
                plan("cp-plan", "BAD001", "2024-01-01", "2024-01-05", "end", "2024-02-05", null),
                referral("BAD001", "2024-05-01", "2A"),
                details("OK3", null, null, "M", null),
                referral("OK3", "2024-06-01", "5A")), events);
        assertEquals(3, summary.children());
        assertEquals(5, summary.referrals());
        assertEquals(6, summary.eventsRead());
    }

    @Test
    void bothBirthDatesAndFactor21WithOthers() {
        String file = HEADER + "<Child><ChildIdentifiers><LAchildID>K</LAchildID><PersonBirthDate>2024-01-02"
                + "</PersonBirthDate><ExpectedPersonBirthDate>2024-01-10</ExpectedPersonBirthDate></ChildIdentifiers>"
                + "<CINdetails><CINreferralDate>2024-03-01</CINreferralDate><ReferralSource>1A</ReferralSource>"
                + "<Assessments><AssessmentAuthorisationDate>2024-03-05Z</AssessmentAuthorisationDate>"
                + "<FactorsIdentifiedAtAssessment><AssessmentFactors>21</AssessmentFactors></FactorsIdentifiedAtAssessment>"
                + "<FactorsIdentifiedAtAssessment><AssessmentFactors>3A</AssessmentFactors></FactorsIdentifiedAtAssessment>"
                + "</Assessments></CINdetails></Child>" + FOOTER;
        List<CensusSummary> s = new ArrayList<>();
        List<CaseEvent> events = readAll(xml(file), s);
        assertEquals(details("K", d("2024-01-02"), null, null, null), events.get(0));
        assertEquals(List.of("3A"), events.get(2).factors());
        assertEquals(List.of("ChildIdentifiers/ExpectedPersonBirthDate", "CINdetails[1]/Assessments[1]"),
                s.get(0).rejected().stream().map(Rejected::element).toList());
    }

    @Test
    void repeatedElementsGiveOneEventAndConflictsAreRejected() {
        String episode = "<CINdetails><CINreferralDate>2024-03-01</CINreferralDate><ReferralSource>%s</ReferralSource>"
                + "<Section47><S47ActualStartDate>2024-03-02</S47ActualStartDate></Section47>"
                + "<Section47><S47ActualStartDate>2024-03-02</S47ActualStartDate></Section47></CINdetails>";
        String file = HEADER + "<Child><ChildIdentifiers><LAchildID>K</LAchildID></ChildIdentifiers>"
                + episode.formatted("1A") + episode.formatted("1B") + "</Child>" + FOOTER;
        List<CensusSummary> s = new ArrayList<>();
        List<CaseEvent> events = readAll(xml(file), s);
        assertEquals(List.of("child-details", "referral", "section47"), events.stream().map(CaseEvent::type).toList());
        assertEquals(List.of("CINdetails[2]"), s.get(0).rejected().stream().map(Rejected::element).toList());
    }

    @Test
    void headerWithoutReferenceDateFallsBackToYear() {
        String file = HEADER.replace("<ReferenceDate>2025-03-31</ReferenceDate>", "").replace("2025", "2024")
                + "<Child><ChildIdentifiers><LAchildID>K</LAchildID></ChildIdentifiers></Child>" + FOOTER;
        assertEquals(new CensusInfo("331", d("2024-03-31"), 1), reader.check(xml(file)));
        assertEquals("cin:K:details:2024-03-31", readAll(xml(file), null).get(0).id());
    }

    // --- files that must not be imported at all ---

    @Test
    void notACensus() {
        assertThrows(CensusFormatException.class, () -> reader.check(xml("<html><body/></html>")));
        assertThrows(CensusFormatException.class, () -> reader.check(xml("<Message><Children/></Message>")));
        assertThrows(CensusFormatException.class, () -> reader.check(xml(HEADER.replace(">CIN<", ">SC<") + FOOTER)));
        assertThrows(CensusFormatException.class, () -> reader.check(xml(HEADER.replace(">331<", ">ABC<") + FOOTER)));
        assertThrows(CensusFormatException.class, () -> reader.check(xml("<Message><Children><Child/></Children>"
                + "<Header><Source><LEA>331</LEA></Source></Header></Message>")));
        assertThrows(CensusFormatException.class, () -> reader.check(xml("")));
        assertThrows(CensusFormatException.class, () -> reader.check(xml("{\"not\": \"xml\"}")));
    }

    @Test
    void aFileBrokenAtTheEndFailsTheCheckWithItsPosition() {
        String child = "<Child><ChildIdentifiers><LAchildID>K%d</LAchildID></ChildIdentifiers></Child>\n";
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 100; i++) {
            b.append(child.formatted(i));
        }
        b.append("<Child><ChildIdentifiers></Child>").append(FOOTER);
        CensusFormatException e = assertThrows(CensusFormatException.class, () -> reader.check(xml(b.toString())));
        assertTrue(e.getMessage().startsWith("not well-formed XML at line 102"), e.getMessage());
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Message><Header><Source><LEA>331</LEA></Source></Header><Children><Child><ChildIdentifiers>"
                + "<LAchildID>&xxe;</LAchildID></ChildIdentifiers></Child></Children></Message>";
        CensusFormatException e = assertThrows(CensusFormatException.class, () -> reader.check(xml(xxe)));
        assertFalse(e.getMessage().contains("TOP-SECRET"));
        List<CaseEvent> leaked = new ArrayList<>();
        assertThrows(CensusFormatException.class, () -> reader.read(xml(xxe), leaked::add));
        assertEquals(List.of(), leaked);
    }

    @Test
    void entityExpansionIsRefusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = dtd + "]><Message><Header><Source><LEA>&lol9;</LEA></Source></Header><Children/></Message>";
        // refused for its DOCTYPE, which comes before any entity is used: nothing is expanded (10^9 "lol"s would be
        // 3 GB), so no clock is needed to tell it was not
        CensusFormatException e = assertThrows(CensusFormatException.class, () -> reader.check(xml(bomb)));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("lol"), e.getMessage());
    }

    @Test
    void aSexOutsideMfuIsReportedAndNotImported() {
        String file = HEADER + "<Child><ChildIdentifiers><LAchildID>S1</LAchildID><Sex>1</Sex></ChildIdentifiers></Child>"
                + "<Child><ChildIdentifiers><LAchildID>S2</LAchildID><GenderCurrent>2</GenderCurrent></ChildIdentifiers></Child>"
                + FOOTER;
        List<CensusSummary> s = new ArrayList<>();
        List<CaseEvent> events = readAll(xml(file), s);
        assertEquals(List.of("1 ChildIdentifiers/Sex"),
                s.get(0).rejected().stream().map(r -> r.child() + " " + r.element()).toList());
        assertTrue(s.get(0).rejected().get(0).reason().contains("not M, F or U"), s.get(0).rejected().toString());
        assertEquals(null, events.get(0).child().sex());
        assertEquals("F", events.get(1).child().sex(), "GenderCurrent keeps its digits");
    }

    @Test
    void externalDtdsAndParameterEntitiesAreNotFetched() throws Exception {
        int[] hits = {0};
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            hits[0]++;
            byte[] body = "<!ENTITY leak \"x\">".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            String external = "<?xml version=\"1.0\"?><!DOCTYPE Message SYSTEM \"" + base + "evil.dtd\">" + HEADER
                    .substring(HEADER.indexOf("<Message>")) + FOOTER;
            String parameter = "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY % p SYSTEM \"" + base + "p\"> %p;]>"
                    + HEADER.substring(HEADER.indexOf("<Message>")) + FOOTER;
            assertThrows(CensusFormatException.class, () -> reader.check(xml(external)));
            assertThrows(CensusFormatException.class, () -> reader.check(xml(parameter)));
            assertThrows(CensusFormatException.class, () -> reader.read(xml(external), e -> { }));
        } finally {
            server.stop(0);
        }
        assertEquals(0, hits[0], "the parser must not fetch anything");
    }

    @Test
    void aHugeChildIsRejectedNotBuffered() {
        StringBuilder b = new StringBuilder(HEADER).append("<Child><ChildIdentifiers><LAchildID>K</LAchildID>"
                + "</ChildIdentifiers><Junk>");
        b.append("<x/>".repeat(CensusXmlStream.MAX_NODES_PER_CHILD + 1)).append("</Junk></Child>");
        b.append("<Child><ChildIdentifiers><LAchildID>K2</LAchildID></ChildIdentifiers></Child>").append(FOOTER);
        List<CensusSummary> s = new ArrayList<>();
        List<CaseEvent> events = readAll(xml(b.toString()), s);
        assertEquals(List.of("cin:K2:details:2025-03-31"), events.stream().map(CaseEvent::id).toList());
        assertEquals(1, s.get(0).rejected().get(0).child());
    }

    @Test
    void writerEscapesText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CinCensusWriter w = new CinCensusWriter(out, Census.Header.forYear("331", 2025))) {
            w.write(new Census.Child("A&B<C>", null, null, null, null, List.of()));
        }
        List<CaseEvent> events = readAll(new ByteArrayInputStream(out.toByteArray()), null);
        assertEquals("A&B<C>", events.get(0).childId());
    }
}
