package org.cscstats.ingest.validation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through and notes the first that is not well-formed UTF-8 (overlong forms, encoded surrogates,
 * code points past U+10FFFF, cut-off sequences). Jackson's byte parser decodes some of these without complaint,
 * so a mistyped identifier would be published as a different one. It notes rather than fails because the parser
 * reads ahead: the caller asks, after each event, whether the bad byte lay before where the parser now is.
 */
final class StrictUtf8InputStream extends FilterInputStream {
    private long offset;
    private long firstInvalid = -1;
    /** Continuation bytes still expected, and the range the next one must be in. */
    private int need;
    private int lo = 0x80;
    private int hi = 0xBF;

    StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    /** Whether a byte before {@code position} (or, with -1, anywhere read so far) was not UTF-8. */
    boolean invalidBefore(long position) {
        return firstInvalid >= 0 && (position < 0 || firstInvalid < position);
    }

    String problem() {
        return "not valid UTF-8 at byte " + firstInvalid;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else if (firstInvalid < 0) {
            check(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
            end();
        }
        for (int i = off; i < off + n && firstInvalid < 0; i++) {
            byte b = buf[i];
            if (b >= 0 && need == 0) {
                offset++; // ASCII
            } else {
                check(b & 0xff);
            }
        }
        return n;
    }

    private void check(int b) {
        long at = offset++;
        if (need > 0) {
            if (b < lo || b > hi) {
                firstInvalid = at;
                return;
            }
            need--;
            lo = 0x80;
            hi = 0xBF;
            return;
        }
        if (b < 0x80) {
            return;
        } else if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            lo = b == 0xE0 ? 0xA0 : 0x80; // not overlong
            hi = b == 0xED ? 0x9F : 0xBF; // not a surrogate
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            lo = b == 0xF0 ? 0x90 : 0x80;
            hi = b == 0xF4 ? 0x8F : 0xBF; // not past U+10FFFF
        } else {
            firstInvalid = at;
        }
    }

    private void end() {
        if (need > 0 && firstInvalid < 0) {
            firstInvalid = offset;
        }
    }
}
