package org.cscstats.ingest.census;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a CIN census XML file child by child (streaming, so the synthetic-data generator can write files of any
 * size), in the element order of the DfE schema. The sex element follows the schema year: {@code GenderCurrent}
 * (1/2/0) before 2025, {@code Sex} (M/F/U) from then on — or as chosen.
 */
public final class CinCensusWriter implements AutoCloseable {
    public enum SexElement { GENDER_CURRENT, SEX }

    private final XMLStreamWriter w;
    private final OutputStream out;
    private final SexElement sexElement;
    private int depth;

    /** Writes the header at once; {@link #close()} ends the document and closes {@code out}. */
    public CinCensusWriter(OutputStream out, Census.Header header, SexElement sexElement) {
        this.out = out;
        this.sexElement = sexElement;
        try {
            this.w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            open("Message");
            open("Header");
            open("CollectionDetails");
            leaf("Collection", "CIN");
            leaf("Year", String.valueOf(header.year()));
            leaf("ReferenceDate", header.referenceDate());
            end();
            open("Source");
            leaf("SourceLevel", "L");
            leaf("LEA", header.la());
            leaf("SoftwareCode", "cscstats");
            leaf("Release", "1");
            leaf("SerialNo", "1");
            end();
            end();
            open("Children");
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    public CinCensusWriter(OutputStream out, Census.Header header) {
        this(out, header, header.year() >= 2025 ? SexElement.SEX : SexElement.GENDER_CURRENT);
    }

    public static void write(Path file, Census.Header header, SexElement sex, Iterable<Census.Child> children)
            throws IOException {
        try (CinCensusWriter w = new CinCensusWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                header, sex)) {
            for (Census.Child c : children) {
                w.write(c);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public void write(Census.Child c) {
        try {
            open("Child");
            open("ChildIdentifiers");
            leaf("LAchildID", c.laChildId());
            leaf("PersonBirthDate", c.birthDate());
            leaf("ExpectedPersonBirthDate", c.expectedBirthDate());
            if (c.sex() != null) {
                if (sexElement == SexElement.SEX) {
                    leaf("Sex", c.sex());
                } else {
                    leaf("GenderCurrent", switch (c.sex()) {
                        case "M" -> "1";
                        case "F" -> "2";
                        default -> "0";
                    });
                }
            }
            end();
            open("ChildCharacteristics");
            leaf("Ethnicity", c.ethnicity());
            end();
            for (Census.CinDetails d : c.cinDetails()) {
                cinDetails(d);
            }
            end();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private void cinDetails(Census.CinDetails d) throws XMLStreamException {
        open("CINdetails");
        leaf("CINreferralDate", d.referralDate());
        leaf("ReferralSource", d.referralSource());
        leaf("CINclosureDate", d.closureDate());
        leaf("ReasonForClosure", d.reasonForClosure());
        leaf("ReferralNFA", "0");
        for (Census.Assessment a : d.assessments()) {
            open("Assessments");
            leaf("AssessmentActualStartDate", a.startDate());
            leaf("AssessmentAuthorisationDate", a.authorisationDate());
            if (!a.factors().isEmpty()) {
                open("FactorsIdentifiedAtAssessment");
                for (String f : a.factors()) {
                    leaf("AssessmentFactors", f);
                }
                end();
            }
            end();
        }
        for (Census.CinPlan p : d.cinPlans()) {
            open("CINPlanDates");
            leaf("CINPlanStartDate", p.start());
            leaf("CINPlanEndDate", p.end());
            end();
        }
        for (Census.Section47 s : d.section47s()) {
            open("Section47");
            leaf("S47ActualStartDate", s.start());
            end();
        }
        for (Census.CpPlan p : d.cpPlans()) {
            open("ChildProtectionPlans");
            leaf("CPPstartDate", p.start());
            leaf("CPPendDate", p.end());
            leaf("InitialCategoryOfAbuse", p.initialCategory());
            end();
        }
        end();
    }

    private void open(String name) throws XMLStreamException {
        indent();
        w.writeStartElement(name);
        depth++;
    }

    private void end() throws XMLStreamException {
        depth--;
        indent();
        w.writeEndElement();
    }

    private void leaf(String name, Object value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        indent();
        w.writeStartElement(name);
        w.writeCharacters(value instanceof LocalDate d ? d.toString() : value.toString());
        w.writeEndElement();
    }

    /** One element per line: people open these files, and diffs of them should be readable. */
    private void indent() throws XMLStreamException {
        w.writeCharacters("\n");
        for (int i = 0; i < depth; i++) {
            w.writeCharacters("  ");
        }
    }

    @Override
    public void close() {
        try {
            end(); // Children
            end(); // Message
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
            out.close();
        } catch (XMLStreamException e) {
            throw failed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RuntimeException failed(XMLStreamException e) {
        if (e.getNestedException() instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException("could not write census XML", e);
    }
}
