package org.cscstats.ingest.census;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * The only way census XML is opened: the JDK's own StAX parser (not whichever one the classpath offers), with
 * DTDs and external entities off and any resolver call refused, so XXE and entity-expansion ("billion laughs")
 * files cannot reach the file system, the network or the heap.
 */
final class SafeXml {
    private SafeXml() {
    }

    static XMLInputFactory inputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not allowed in a census file");
        });
        return f;
    }
}
