package org.cscstats.ingest.census;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks a census file with StAX: reads the header, then stops at each {@code Message/Children/Child} so the
 * caller can take that child as a small tree or skip it. Memory is bounded by one child (and that by limits).
 * Any well-formedness error, a DOCTYPE, or a file that is not a CIN census raises {@link CensusFormatException}.
 */
final class CensusXmlStream implements AutoCloseable {
    /** Generous for a real child (a few dozen elements), small enough that a hostile one cannot exhaust memory. */
    static final int MAX_NODES_PER_CHILD = 50_000;
    static final int MAX_TEXT = 10_000;
    /** A header value is a code, a year or a date. */
    static final int MAX_HEADER_TEXT = 100;

    private final XMLStreamReader r;
    private final String[] path = new String[4];
    private int depth;
    private String la;
    private LocalDate referenceDate;
    private LocalDate yearEnd;
    private String collection;

    CensusXmlStream(InputStream in) {
        try {
            this.r = SafeXml.reader(in);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    String la() {
        return la;
    }

    /** {@code ReferenceDate}, else 31 March of {@code Year} (the census date of that collection), else null. */
    LocalDate referenceDate() {
        return referenceDate != null ? referenceDate : yearEnd;
    }

    /** Advances to the next {@code Child}; false at the end of the document (whose header is then verified). */
    boolean nextChild() {
        try {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new CensusFormatException("a DOCTYPE is not allowed in a CIN census file");
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    String name = r.getLocalName();
                    if (depth == 0 && !name.equalsIgnoreCase("Message")) {
                        throw new CensusFormatException("the root element is not Message: not a CIN census file");
                    }
                    if (depth < path.length) {
                        path[depth] = name;
                    }
                    depth++;
                    if (depth == 3 && path[1].equalsIgnoreCase("Children") && name.equalsIgnoreCase("Child")) {
                        requireHeader("before the first Child");
                        return true;
                    }
                    if (depth >= 3 && path[1].equalsIgnoreCase("Header")) {
                        header(name);
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            requireHeader("");
            return false;
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /**
     * The current {@code Child} as a tree, consuming it; null if it exceeds the size limits (it is then skipped
     * whole, and the caller reports it).
     */
    XmlNode readChild() {
        try {
            List<XmlNode> stack = new ArrayList<>();
            XmlNode root = new XmlNode(r.getLocalName());
            stack.add(root);
            int nodes = 1;
            boolean tooLarge = false;
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    XmlNode n = null;
                    if (!tooLarge && ++nodes > MAX_NODES_PER_CHILD) {
                        tooLarge = true;
                    }
                    if (!tooLarge) {
                        n = new XmlNode(r.getLocalName());
                        stack.get(stack.size() - 1).add(n);
                    }
                    stack.add(n);
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                        || ev == XMLStreamConstants.SPACE) {
                    XmlNode top = stack.get(stack.size() - 1);
                    if (!tooLarge && top != null) {
                        if (top.textLength() + r.getTextLength() > MAX_TEXT) {
                            tooLarge = true;
                        } else {
                            top.appendText(r.getText());
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    XmlNode top = stack.remove(stack.size() - 1);
                    if (top != null) {
                        top.close();
                    }
                    if (stack.isEmpty()) {
                        depth--;
                        return tooLarge ? null : root;
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /** Consumes the current {@code Child} without keeping it (the check pass). */
    void skipChild() {
        try {
            int level = 1;
            while (level > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    level++;
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    level--;
                }
            }
            depth--;
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    private void header(String name) throws XMLStreamException {
        String section = path[2];
        boolean leaf = depth == 4;
        if (!leaf) {
            return;
        }
        if (section.equalsIgnoreCase("Source") && name.equalsIgnoreCase("LEA")) {
            String lea = text();
            if (lea == null || !lea.matches("\\d{3}")) {
                throw new CensusFormatException("Header/Source/LEA is not a 3-digit LA code");
            }
            if (la != null && !la.equals(lea)) {
                throw new CensusFormatException("the header names more than one LEA");
            }
            la = lea;
        } else if (section.equalsIgnoreCase("CollectionDetails")) {
            if (name.equalsIgnoreCase("Collection")) {
                collection = text();
                if (collection != null && !collection.equalsIgnoreCase("CIN")) {
                    throw new CensusFormatException("the header's Collection is not CIN: not a CIN census file");
                }
            } else if (name.equalsIgnoreCase("ReferenceDate")) {
                referenceDate = XmlDates.parse(text());
            } else if (name.equalsIgnoreCase("Year")) {
                String y = text();
                yearEnd = y != null && y.matches("\\d{4}") ? LocalDate.of(Integer.parseInt(y), 3, 31) : null;
            }
        }
    }

    /** Text of a header leaf, of bounded length (text arrives in pieces); consumes its end tag. */
    private String text() throws XMLStreamException {
        String name = r.getLocalName();
        StringBuilder b = new StringBuilder();
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
                if (b.length() + r.getTextLength() > MAX_HEADER_TEXT) {
                    throw new CensusFormatException("Header/" + path[2] + "/" + name + " is longer than "
                            + MAX_HEADER_TEXT + " characters: not a CIN census file");
                }
                b.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                throw new CensusFormatException("Header/" + path[2] + "/" + name + " must hold text only");
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        depth--;
        String t = b.toString().strip();
        return t.isEmpty() ? null : t;
    }

    private void requireHeader(String where) {
        if (la == null) {
            throw new CensusFormatException("no Header/Source/LEA" + (where.isEmpty() ? "" : " " + where)
                    + ": not a CIN census file");
        }
    }

    private static RuntimeException malformed(XMLStreamException e) {
        if (e.getNestedException() instanceof MarkupLimitInputStream.MarkupException m) {
            return new CensusFormatException(m.getMessage());
        }
        if (e.getNestedException() instanceof CharConversionException) {
            // bytes that are not of the file's encoding: the parser reports them as an I/O error, but it is the file's
            Location at = e.getLocation();
            return new CensusFormatException("not valid UTF-8 (or not of the declared encoding)"
                    + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber()));
        }
        if (e.getNestedException() instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        Location at = e.getLocation();
        String message = e.getMessage() == null ? "" : e.getMessage();
        int m = message.indexOf("Message: ");
        message = withoutFileText(m >= 0 ? message.substring(m + 9) : message);
        return new CensusFormatException("not well-formed XML"
                + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber())
                + (message.isBlank() ? "" : ": " + message.strip()));
    }

    /** Element names of the census, which a parser message may name; anything else it quotes is hidden. */
    private static final Set<String> CENSUS_NAMES = Set.of("message", "header",
            "collectiondetails", "collection", "year", "referencedate", "source", "sourcelevel", "lea", "softwarecode",
            "release", "serialno", "datetime", "children", "child", "childidentifiers", "lachildid", "upn", "formerupn",
            "upnunknown", "personbirthdate", "expectedpersonbirthdate", "gendercurrent", "sex", "persondeathdate",
            "childcharacteristics", "ethnicity", "disabilities", "disability", "cindetails", "cinreferraldate",
            "referralsource", "primaryneedcode", "cinclosuredate", "reasonforclosure", "dateofinitialcpc", "referralnfa",
            "assessments", "assessmentactualstartdate", "assessmentinternalreviewdate", "assessmentauthorisationdate",
            "factorsidentifiedatassessment", "assessmentfactors", "cinplandates", "cinplanstartdate", "cinplanenddate",
            "section47", "s47actualstartdate", "initialcpctarget", "icpcnotrequired", "childprotectionplans",
            "cppstartdate", "cppenddate", "initialcategoryofabuse", "latestcategoryofabuse", "numberofpreviouscpp",
            "reviews", "cppreviewdate");
    /** The parser's names for its own limits. */
    private static final Set<String> JDK_LIMITS = Set.of("maxElementDepth", "FEATURE_SECURE_PROCESSING",
            "maxXMLNameLimit", "elementAttributeLimit", "[xml]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    /**
     * The parser quotes names and characters from the file ({@code Element type "EV0001" must be followed ...}
     * when a '<' slipped into an identifier): keep census element names and numbers, hide anything else.
     */
    static String withoutFileText(String message) {
        Matcher q = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (q.find()) {
            String inner = q.group(1);
            String name = inner.replaceAll("^</?|/?>$", "");
            boolean safe = CENSUS_NAMES.contains(name.toLowerCase(Locale.ROOT)) || inner.matches("[\\d,.]+")
                    || inner.matches("[<>/]{1,2}|/>") || JDK_LIMITS.contains(inner);
            q.appendReplacement(out, Matcher.quoteReplacement(safe ? q.group() : "\"…\""));
        }
        q.appendTail(out);
        return out.toString();
    }

    @Override
    public void close() {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // nothing left to release that matters; the caller closes the underlying stream
        }
    }
}
