package org.cscstats.ingest.census;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The only way census XML is opened: the JDK's own StAX parser (not whichever one the classpath offers), with
 * DTDs and external entities off and any resolver call refused, so XXE and entity-expansion ("billion laughs")
 * files cannot reach the file system, the network or the heap. Text is not coalesced (the parser then hands it
 * over in 16 KB pieces instead of holding a whole text node), nesting is limited (the parser keeps every open
 * element), and {@link MarkupLimitInputStream} limits what the parser would otherwise hold whole.
 */
final class SafeXml {
    /** A census nests about 7 deep; the limit also bounds the recursion over one child's tree. */
    static final int MAX_DEPTH = 64;

    private SafeXml() {
    }

    static XMLStreamReader reader(InputStream in) throws XMLStreamException {
        return inputFactory().createXMLStreamReader(new MarkupLimitInputStream(in));
    }

    static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not allowed in a census file");
        });
        return f;
    }
}
