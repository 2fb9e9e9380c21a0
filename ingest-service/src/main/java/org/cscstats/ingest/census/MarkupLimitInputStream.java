package org.cscstats.ingest.census;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits between a census file and the StAX parser and limits what the parser would hold whole. The JDK parser
 * hands text over in 16 KB pieces, but keeps a whole start tag (with its attributes), comment, CDATA section or
 * processing instruction in memory however long it is, and reads a whole DOCTYPE before reporting it; one such
 * construct in a 1 GB upload would exhaust the heap. So each is measured here, byte by byte, before the parser
 * sees it, and a DOCTYPE is refused as soon as it starts. That only works on bytes where {@code <}, {@code >} and
 * quotes are ASCII, so the file must be UTF-8 or another ASCII-compatible encoding (UTF-16, UTF-32 and EBCDIC
 * are refused).
 */
final class MarkupLimitInputStream extends FilterInputStream {
    /** Far above any real census construct (an XML declaration, a namespace attribute), far below the heap. */
    static final int MAX_MARKUP = 1 << 20;
    private static final Set<String> ASCII_COMPATIBLE = Set.of("UTF-8", "UTF8", "US-ASCII", "ASCII", "ISO-8859-1",
            "LATIN1", "ISO-8859-15", "WINDOWS-1252", "CP1252");
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");

    /** Thrown (inside the parser) when the file breaks a limit; {@link CensusXmlStream} reports it as a 400. */
    static final class MarkupException extends IOException {
        MarkupException(String message) {
            super(message);
        }
    }

    private enum State { TEXT, OPEN, BANG, BANG_DASH, CDATA_OPEN, TAG, COMMENT, CDATA, PI }

    private static final byte[] CDATA_OPENING = "CDATA[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** How many bytes after a byte-order mark the encoding check looks at (UTF-16 has a NUL in the first two). */
    private static final int PROLOG = 4;

    private State state = State.TEXT;
    private long offset;
    private long length;
    private byte quote;
    private int run;
    private int bom;
    private int checked;
    /** The XML declaration's bytes, kept only while it is read (it starts the file). */
    private StringBuilder declaration;

    MarkupLimitInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            scan((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + n; i++) {
            if (state == State.TEXT && checked >= PROLOG) {
                // the common case, text between tags: skip to the next '<' without the state machine
                int j = i;
                while (j < off + n && buf[j] != '<') {
                    j++;
                }
                offset += j - i;
                if (j == off + n) {
                    break;
                }
                i = j;
            }
            scan(buf[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass the scanner
        byte[] buf = new byte[(int) Math.min(n, 8192)];
        int r = read(buf, 0, buf.length);
        return Math.max(r, 0);
    }

    private void scan(byte b) throws MarkupException {
        long at = offset++;
        if (checked < PROLOG) {
            prolog(b);
        }
        if (state != State.TEXT && ++length > MAX_MARKUP) {
            throw new MarkupException("a tag, comment, CDATA section or processing instruction at byte " + (at - length + 1)
                    + " is longer than " + MAX_MARKUP + " bytes: not a CIN census file");
        }
        if (declaration != null && state == State.PI) {
            declaration.append((char) (b & 0xff));
        }
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    state = State.OPEN;
                    length = 1;
                }
            }
            case OPEN -> {
                if (b == '!') {
                    state = State.BANG;
                } else if (b == '?') {
                    state = State.PI;
                    run = 0;
                    if (at < 8) { // the XML declaration, if any, opens the file
                        declaration = new StringBuilder("<?");
                    }
                } else {
                    state = State.TAG;
                    quote = 0;
                    tag(b);
                }
            }
            case BANG -> {
                if (b == '-') {
                    state = State.BANG_DASH;
                } else if (b == '[') {
                    state = State.CDATA_OPEN;
                    run = 0;
                } else {
                    // the only other "<!" construct XML allows is a DOCTYPE, and a census never has one
                    throw new MarkupException("a DOCTYPE is not allowed in a CIN census file");
                }
            }
            case BANG_DASH -> {
                state = State.COMMENT;
                run = b == '-' ? -1 : 0; // "<!--" opens a comment; anything else the parser reports as malformed
            }
            case CDATA_OPEN -> {
                if (b != CDATA_OPENING[run]) {
                    state = State.TAG; // malformed: the parser says where
                    quote = 0;
                } else if (++run == CDATA_OPENING.length) {
                    state = State.CDATA;
                    run = 0;
                }
            }
            case TAG -> tag(b);
            case COMMENT -> {
                if (b == '>' && run >= 2) {
                    state = State.TEXT;
                } else {
                    run = b == '-' ? Math.max(run, 0) + 1 : 0;
                }
            }
            case CDATA -> {
                if (b == '>' && run >= 2) {
                    state = State.TEXT;
                } else {
                    run = b == ']' ? run + 1 : 0;
                }
            }
            case PI -> {
                if (b == '>' && run == 1) {
                    state = State.TEXT;
                    if (declaration != null) {
                        checkDeclaredEncoding(declaration.toString());
                        declaration = null;
                    }
                } else {
                    run = b == '?' ? 1 : 0;
                }
            }
        }
    }

    private void tag(byte b) {
        if (quote != 0) {
            if (b == quote) {
                quote = 0;
            }
        } else if (b == '"' || b == '\'') {
            quote = b;
        } else if (b == '>') {
            state = State.TEXT;
        }
    }

    /** The first bytes: an optional UTF-8 byte-order mark, then '<' or white space, and no NUL byte. */
    private void prolog(byte b) throws MarkupException {
        if (checked == 0 && bom < 3 && b == UTF8_BOM[bom] && offset - 1 == bom) {
            bom++;
            return;
        }
        boolean startsWell = checked > 0 || b == '<' || b == ' ' || b == '\t' || b == '\r' || b == '\n';
        if (b == 0 || !startsWell || (bom != 0 && bom != 3)) {
            throw new MarkupException("not an XML file in UTF-8: census files must be UTF-8 (or another "
                    + "ASCII-compatible encoding)");
        }
        checked++;
    }

    private static void checkDeclaredEncoding(String declaration) throws MarkupException {
        Matcher m = ENCODING.matcher(declaration);
        if (m.find() && !ASCII_COMPATIBLE.contains(m.group(1).toUpperCase(Locale.ROOT))) {
            throw new MarkupException("the XML declaration names an encoding other than UTF-8: census files must be "
                    + "UTF-8 (or another ASCII-compatible encoding)");
        }
    }
}
