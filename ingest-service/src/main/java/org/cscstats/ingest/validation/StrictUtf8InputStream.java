package org.cscstats.ingest.validation;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;

/**
 * Passes bytes through and fails at the first one that is not well-formed UTF-8 (overlong forms, encoded
 * surrogates, code points past U+10FFFF, cut-off sequences). Jackson's byte parser decodes some of these without
 * complaint, so a mistyped identifier would be published as a different one.
 */
final class StrictUtf8InputStream extends FilterInputStream {
    /** Where the body stopped being UTF-8. */
    static final class NotUtf8Exception extends CharacterCodingException {
        private final long offset;

        NotUtf8Exception(long offset) {
            this.offset = offset;
        }

        long offset() {
            return offset;
        }

        @Override
        public String getMessage() {
            return "not valid UTF-8 at byte " + offset;
        }
    }

    private long offset;
    /** Continuation bytes still expected, and the range the next one must be in. */
    private int need;
    private int lo = 0x80;
    private int hi = 0xBF;

    StrictUtf8InputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
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
        for (int i = off; i < off + n; i++) {
            byte b = buf[i];
            if (b >= 0 && need == 0) {
                offset++; // ASCII
            } else {
                check(b & 0xff);
            }
        }
        return n;
    }

    private void check(int b) throws NotUtf8Exception {
        long at = offset++;
        if (need > 0) {
            if (b < lo || b > hi) {
                throw new NotUtf8Exception(at);
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
            throw new NotUtf8Exception(at);
        }
    }

    private void end() throws NotUtf8Exception {
        if (need > 0) {
            throw new NotUtf8Exception(offset);
        }
    }
}
