package org.cscstats.tools.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command-line client for the ingest API: sends an NDJSON file (or stdin) to {@code POST /v1/events} in batches,
 * or a CIN census XML file to {@code POST /v1/imports/cin-census}. Plain Java (no Quarkus needed), run by the
 * launcher at the checkout's root:
 * <pre>
 *   INGEST_KEY=local-dev-key ./ingest-client --url http://localhost:8090 events.ndjson
 * </pre>
 * Exit status: 0 all sent and accepted; 1 some data rejected (400); 2 usage; 3 key refused (401/403);
 * 4 other failure (network, 413, 5xx after retries).
 */
@Command(name = "ingest-client", mixinStandardHelpOptions = true, version = "ingest-client 0.1.0",
        // one element per printed line: picocli wraps at 80 columns
        description = {"Sends case events to the ingest service: an NDJSON file (or - for stdin)",
                "in batches to POST /v1/events, or a CIN census XML file (*.xml) to",
                "POST /v1/imports/cin-census. Shows progress, retries while the service",
                "answers 503 or cannot be reached, and prints a summary: accepted,",
                "duplicates, and every rejected event or element with its reason."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all sent and accepted", "1:some data rejected (400)", "2:usage", "3:key refused (401/403)",
                "4:other failure (network, 413, 5xx after retries)"})
public final class IngestClient implements Callable<Integer> {
    static final int OK = 0;
    static final int REJECTED = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int FAILED = 4;
    private static final long MAX_BATCH_BYTES = 16L << 20; // half the API's 32 MB, so one huge line cannot trip 413
    private static final int MAX_ERRORS_SHOWN = 100;

    enum Format { NDJSON, CENSUS }

    @Option(names = "--url", defaultValue = "http://localhost:8090",
            description = "base URL of the ingest service (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--key",
            description = "bearer key; default: the INGEST_KEY environment variable (preferred: the command line is visible to other users)")
    String key;

    /** Where the key is read from when --key is not given; a field so that a test can hand in its own. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--format", description = "ndjson or census (default: census for *.xml, else ndjson)")
    Format format;

    @Option(names = "--batch-size", defaultValue = "1000", description = "events per request (max 10000; default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-retries", defaultValue = "20", description = "retries per request on 503 or network errors (default ${DEFAULT-VALUE})")
    int maxRetries;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Parameters(index = "0", paramLabel = "FILE", description = "NDJSON or CIN census XML file; - reads NDJSON from stdin")
    String file;

    PrintStream out = System.out;
    PrintStream err = System.err;
    ApiSender.Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    HttpClient http;

    private final ObjectMapper json = new ObjectMapper();

    public static void main(String[] args) {
        System.exit(commandLine(new IngestClient()).execute(args));
    }

    static CommandLine commandLine(IngestClient client) {
        return new CommandLine(client).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** {@code path} under the base URL, keeping any prefix it has ({@code https://host/ingest/v1/events}). */
    private URI endpoint(String path) {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    @Override
    public Integer call() throws Exception {
        if (key == null) {
            key = environment.get("INGEST_KEY");
        }
        if (key == null || key.isBlank()) {
            err.println("no key: set INGEST_KEY or pass --key");
            return USAGE;
        }
        if (batchSize < 1 || batchSize > 10_000) {
            err.println("--batch-size must be between 1 and 10000");
            return USAGE;
        }
        boolean stdin = file.equals("-");
        Format f = format != null ? format
                : !stdin && file.toLowerCase(Locale.ROOT).endsWith(".xml") ? Format.CENSUS : Format.NDJSON;
        if (!stdin && !Files.isReadable(Path.of(file))) {
            err.println("cannot read " + file);
            return USAGE;
        }
        if (stdin && f == Format.CENSUS) {
            err.println("a census file must be given by name (it may have to be sent again)");
            return USAGE;
        }
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        ApiSender sender = new ApiSender(http, key.strip(), maxRetries, sleeper, err);
        try {
            return f == Format.CENSUS ? sendCensus(sender, Path.of(file)) : sendEvents(sender, stdin);
        } catch (IOException | UncheckedIOException e) {
            err.println("\nfailed: " + e.getMessage());
            return FAILED;
        }
    }

    private int sendEvents(ApiSender sender, boolean stdin) throws IOException, InterruptedException {
        long size = stdin ? 0 : Files.size(Path.of(file));
        CountingInputStream counting = new CountingInputStream(stdin ? System.in : Files.newInputStream(Path.of(file)));
        Progress progress = new Progress(err, !noProgress, size);
        URI uri = endpoint("/v1/events");
        long sent = 0;
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        int batches = 0;
        int rejectedBatches = 0;
        int errorsShown = 0;
        int status = OK;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16)) {
            NdjsonBatches source = new NdjsonBatches(in, batchSize, MAX_BATCH_BYTES);
            for (NdjsonBatches.Batch b; (b = source.next()) != null;) {
                batches++;
                String body = b.body();
                HttpResponse<String> r = sender.post(uri, "application/x-ndjson",
                        () -> HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), Duration.ofMinutes(2));
                sent += b.size();
                int code = r.statusCode();
                if (code == 202 || code == 200) {
                    JsonNode n = parse(r.body());
                    accepted += n.path("accepted").asLong();
                    duplicates += n.path("duplicates").asLong();
                } else if (code == 400) {
                    rejectedBatches++;
                    rejected += b.size();
                    status = REJECTED;
                    errorsShown = showErrors(r.body(), b, errorsShown);
                } else if (code == 401 || code == 403) {
                    progress.done(counting.count(), sent, "events");
                    err.println(refusal(code, r.body()));
                    return REFUSED;
                } else {
                    progress.done(counting.count(), sent, "events");
                    err.println("batch " + batches + " (lines " + b.fileLines()[0] + "–" + b.fileLines()[b.size() - 1]
                            + "): HTTP " + code + " " + detail(r.body()) + "; stopping");
                    summary(batches, sent, accepted, duplicates, rejected, rejectedBatches, sender.retries());
                    return FAILED;
                }
                progress.update(counting.count(), sent, "events");
            }
        }
        progress.done(counting.count(), sent, "events");
        if (errorsShown >= MAX_ERRORS_SHOWN) {
            err.println("(only the first " + MAX_ERRORS_SHOWN + " errors are shown)");
        }
        summary(batches, sent, accepted, duplicates, rejected, rejectedBatches, sender.retries());
        return status;
    }

    private void summary(int batches, long sent, long accepted, long duplicates, long rejected, int rejectedBatches,
            int retries) {
        out.printf(Locale.ROOT, "batches: %d, events sent: %d, accepted: %d, duplicates: %d, rejected: %d "
                + "(in %d batches), retries: %d%n", batches, sent, accepted, duplicates, rejected, rejectedBatches, retries);
    }

    /** A 400 lists errors by 0-based index within the batch; show them as file lines. */
    private int showErrors(String body, NdjsonBatches.Batch b, int shown) {
        JsonNode problem = parse(body);
        JsonNode errors = problem.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            err.println("\nbatch rejected: " + detail(body));
            return shown;
        }
        for (JsonNode e : errors) {
            if (shown++ >= MAX_ERRORS_SHOWN) {
                break;
            }
            int index = e.path("index").asInt(-1);
            String where = index >= 0 && index < b.size() ? "line " + b.fileLines()[index] : "batch index " + index;
            String field = e.path("field").asText("");
            err.println("\n" + where + (field.isEmpty() ? "" : ", " + field) + ": " + e.path("message").asText(""));
        }
        return shown;
    }

    private int sendCensus(ApiSender sender, Path path) throws IOException, InterruptedException {
        long size = Files.size(path);
        Progress progress = new Progress(err, !noProgress, size);
        CountingInputStream[] current = new CountingInputStream[1];
        Thread ticker = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    CountingInputStream c = current[0];
                    long bytes = c == null ? 0 : c.count();
                    progress.update(bytes, -1, bytes >= size ? "uploaded; the server is importing…" : "uploading");
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "progress");
        ticker.setDaemon(true);
        ticker.start();
        HttpResponse<String> r;
        try {
            // a fresh stream per attempt: a 503 means the whole file is sent again
            r = sender.post(endpoint("/v1/imports/cin-census"), "application/xml",
                    () -> HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                        try {
                            current[0] = new CountingInputStream(Files.newInputStream(path));
                            return current[0];
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }), size), Duration.ofHours(2));
        } finally {
            ticker.interrupt();
            closeQuietly(current[0]);
        }
        progress.done(size, -1, "sent");
        int code = r.statusCode();
        if (code == 200 || code == 202) {
            JsonNode n = parse(r.body());
            out.printf(Locale.ROOT, "LA %s: children: %d, referrals: %d, events read: %d, published: %d, "
                    + "duplicates: %d, rejected elements: %d, retries: %d%n", n.path("la").asText("?"),
                    n.path("children").asLong(), n.path("referrals").asLong(), n.path("eventsRead").asLong(),
                    n.path("eventsPublished").asLong(), n.path("duplicates").asLong(), n.path("rejected").size(),
                    sender.retries());
            int shown = 0;
            for (JsonNode rej : n.path("rejected")) {
                if (shown++ >= MAX_ERRORS_SHOWN) {
                    err.println("(only the first " + MAX_ERRORS_SHOWN + " rejections are shown)");
                    break;
                }
                err.println("child " + rej.path("child").asInt() + ", " + rej.path("element").asText() + ": "
                        + rej.path("reason").asText());
            }
            return OK;
        }
        if (code == 401 || code == 403) {
            err.println(refusal(code, r.body()));
            return REFUSED;
        }
        err.println("census rejected: HTTP " + code + " " + detail(r.body()));
        return code == 400 ? REJECTED : FAILED;
    }

    private static String refusal(int code, String body) {
        return (code == 401 ? "the key was not accepted (401)" : "the key may not send for this LA (403)")
                + (body == null || body.isBlank() ? "" : ": " + body.strip());
    }

    private String detail(String body) {
        JsonNode n = parse(body);
        String title = n.path("title").asText("");
        String detail = n.path("detail").asText("");
        String s = (title + (detail.isEmpty() ? "" : ": " + detail)).strip();
        return s.isEmpty() ? (body == null ? "" : body.strip()) : s;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already sent or abandoned
            }
        }
    }
}
