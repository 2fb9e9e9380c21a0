package org.cscstats.ingest.census;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal element tree for one {@code Child} only (the file is never held whole). Names match
 * case-insensitively because element spellings drift between census years ({@code CINPlanDates}/{@code CINplanDates}).
 */
final class XmlNode {
    final String name;
    private StringBuilder textBuilder;
    private String text;
    private List<XmlNode> children;

    XmlNode(String name) {
        this.name = name;
    }

    boolean is(String name) {
        return this.name.equalsIgnoreCase(name);
    }

    void add(XmlNode child) {
        if (children == null) {
            children = new ArrayList<>(4);
        }
        children.add(child);
    }

    void appendText(String s) {
        if (textBuilder == null) {
            textBuilder = new StringBuilder(s.length());
        }
        textBuilder.append(s);
    }

    int textLength() {
        return textBuilder == null ? 0 : textBuilder.length();
    }

    /** Called at the end tag: the trimmed text, or null when empty ({@code <ExpectedPersonBirthDate/>} is absent). */
    void close() {
        if (textBuilder != null) {
            String t = textBuilder.toString().strip();
            text = t.isEmpty() ? null : t;
            textBuilder = null;
        }
    }

    String text() {
        return text;
    }

    List<XmlNode> children() {
        return children == null ? List.of() : children;
    }

    XmlNode first(String name) {
        for (XmlNode c : children()) {
            if (c.is(name)) {
                return c;
            }
        }
        return null;
    }

    List<XmlNode> all(String name) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children()) {
            if (c.is(name)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The text of the first child element of that name, or null. */
    String text(String childName) {
        XmlNode c = first(childName);
        return c == null ? null : c.text;
    }

    /** Every descendant of that name, in document order (recursion bounded by {@link SafeXml#MAX_DEPTH}). */
    List<XmlNode> descendants(String name) {
        List<XmlNode> out = new ArrayList<>();
        collect(name, out);
        return out;
    }

    private void collect(String name, List<XmlNode> out) {
        for (XmlNode c : children()) {
            if (c.is(name)) {
                out.add(c);
            }
            c.collect(name, out);
        }
    }
}
