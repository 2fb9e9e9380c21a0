package org.cscstats.ingest.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a body of any size from a generating stream over a plain socket, reading the answer while still sending,
 * and records how many body bytes had been sent when the answer began: a server that answers 413 at its limit
 * answers long before a 1 GiB body is through; one that buffers the body cannot.
 */
final class StreamingUpload {
    /** {@code sentWhenAnswered}: body bytes written when the first byte of the answer arrived. */
    record Result(int status, String head, String body, long sentWhenAnswered, long sentInAll) {
    }

    private StreamingUpload() {
    }

    /** @param declaredLength the Content-Length to send, or -1 for chunked transfer encoding */
    static Result post(URL base, String path, String contentType, String key, InputStream body, long declaredLength)
            throws IOException, InterruptedException {
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(300_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nAuthorization: Bearer " + key + "\r\n"
                    + (declaredLength < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + declaredLength + "\r\n")
                    + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> write(out, body, declaredLength < 0, sent), "upload-writer");
            writer.setDaemon(true);
            writer.start();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            int first = in.read();
            long sentWhenAnswered = sent.get();
            if (first < 0) {
                throw new IOException("the connection closed without an answer after " + sentWhenAnswered + " bytes");
            }
            ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
            headBytes.write(first);
            while (!headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                headBytes.write(b);
            }
            String answerHead = headBytes.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(answerHead.split(" ", 3)[1]);
            String answerBody = readBody(in, answerHead);
            socket.shutdownOutput();
            writer.join(10_000);
            return new Result(status, answerHead, answerBody, sentWhenAnswered, sent.get());
        }
    }

    private static void write(OutputStream out, InputStream body, boolean chunked, AtomicLong sent) {
        byte[] buf = new byte[1 << 16];
        try {
            int n;
            while ((n = body.read(buf)) > 0) {
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(buf, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                sent.addAndGet(n);
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the server answered and closed the connection: sending stops here, which is the point
        }
    }

    private static String readBody(InputStream in, String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int end = lower.indexOf("\r\n", at);
            int length = Integer.parseInt(head.substring(at + 15, end).trim());
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        if (lower.contains("transfer-encoding: chunked")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    line(in);
                    return out.toString(StandardCharsets.UTF_8);
                }
                out.write(in.readNBytes(n));
                line(in);
            }
        }
        return "";
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** {@code unit} repeated to {@code bytes} bytes, generated as it is read. */
    static InputStream repeating(byte[] prefix, byte[] unit, long bytes) {
        return new InputStream() {
            private long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes) {
                    return -1;
                }
                int n = (int) Math.min(len, bytes - pos);
                for (int i = 0; i < n; i++, pos++) {
                    b[off + i] = pos < prefix.length ? prefix[(int) pos] : unit[(int) ((pos - prefix.length) % unit.length)];
                }
                return n;
            }
        };
    }
}
