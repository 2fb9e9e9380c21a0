package org.cscstats.ingest.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cscstats.contract.Json;

/** A plain HTTP client for the hostile-input tests: any body, any headers, and the answer as text and JSON. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = Json.mapper();

    record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {
        /** The body as JSON; a failed assertion if it is not. */
        Map<String, Object> json() {
            try {
                return JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new AssertionError("the answer is not a JSON object: " + abbreviated(), e);
            }
        }

        String abbreviated() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    private Http() {
    }

    /** {@code authorization}: the whole header value, or null for none; {@code contentType} null or empty: none. */
    static Answer post(URL base, String path, String contentType, String authorization, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            Optional<String> type = r.headers().firstValue("Content-Type");
            return new Answer(r.statusCode(), type.orElse(""), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new AssertionError("no answer from the service: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
