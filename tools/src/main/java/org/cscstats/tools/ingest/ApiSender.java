package org.cscstats.tools.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * Sends one request to the ingest API, repeating it on 503 (honouring {@code Retry-After}) and on connection
 * failures, with exponential back-off otherwise. Repeating is safe: the API deduplicates by event id.
 */
final class ApiSender {
    /** Waits; replaced in tests so they need not sleep. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final String key;
    private final int maxRetries;
    private final Sleeper sleeper;
    private final PrintStream err;
    private int retries;

    ApiSender(HttpClient http, String key, int maxRetries, Sleeper sleeper, PrintStream err) {
        this.http = http;
        this.key = key;
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
        this.err = err;
    }

    int retries() {
        return retries;
    }

    /**
     * POSTs the body made by {@code body} (called afresh for each attempt) and returns the final response:
     * anything but a 503, or the last 503 once the retries are used up.
     */
    HttpResponse<String> post(URI uri, String contentType, Supplier<HttpRequest.BodyPublisher> body, Duration timeout)
            throws IOException, InterruptedException {
        for (int attempt = 0;; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", contentType)
                    .header("Accept", "application/json, application/problem+json")
                    .POST(body.get())
                    .build();
            Duration wait;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || attempt >= maxRetries) {
                    return response;
                }
                wait = retryAfter(response.headers().firstValue("Retry-After").orElse(null), attempt);
                err.println("\nserver busy (503); retrying in " + wait.toSeconds() + " s");
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw e;
                }
                wait = backoff(attempt);
                err.println("\n" + describe(e) + "; retrying in " + wait.toSeconds() + " s");
            }
            retries++;
            sleeper.sleep(wait);
        }
    }

    /** Seconds or an HTTP date (RFC 9110); capped, and never negative. Without one, exponential back-off. */
    static Duration retryAfter(String header, int attempt) {
        if (header == null || header.isBlank()) {
            return backoff(attempt);
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e2) {
                return backoff(attempt);
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
    }

    static Duration backoff(int attempt) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(attempt, 5)));
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
