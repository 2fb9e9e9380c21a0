package org.cscstats.attack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads an LA's releases through the public API only (no key): what any reader can fetch. */
public final class PublicApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public PublicApi(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Every release of the LA, oldest first, each with every table of its catalogue. */
    public List<ReleaseReading> releases(String la) {
        List<ReleaseReading> out = new ArrayList<>();
        for (JsonNode r : get("/v1/las/" + enc(la) + "/releases")) {
            String id = r.path("id").asText();
            List<ShownTable> tables = new ArrayList<>();
            for (JsonNode t : get("/v1/las/" + enc(la) + "/tables?release=" + enc(id)).path("tables")) {
                tables.add(ShownTable.of(get("/v1/las/" + enc(la) + "/tables/" + enc(t.path("id").asText())
                        + "?release=" + enc(id))));
            }
            out.add(new ReleaseReading(id, r.path("number").asInt(), PolicyView.of(r.path("policy")), tables));
        }
        out.sort(Comparator.comparingInt(ReleaseReading::number));
        return out;
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
