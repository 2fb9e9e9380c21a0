package org.cscstats.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.Json;
import org.cscstats.local.LocalSystem;

/** The few calls the benchmark makes to the running system's public and operator APIs. */
final class SystemApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SystemApi() {
    }

    /** Makes a release of one LA, retrying while its last cubes are still arriving (503); returns its id. */
    static String release(LocalSystem system, String la) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(system.suppression().url() + "/v1/las/" + la + "/releases"))
                .header("Authorization", "Bearer " + LocalSystem.OPERATOR_KEY)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                return Json.mapper().readTree(r.body()).path("id").asText();
            }
            if (r.statusCode() != 503 && r.statusCode() != 409) {
                break;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("release of LA " + la + " failed: " + r.statusCode() + " " + r.body());
    }

    /** The URLs of every table in an LA's latest release. */
    static List<String> tableUrls(LocalSystem system, String la) throws Exception {
        String base = system.suppression().url() + "/v1/las/" + la + "/tables";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no catalogue for LA " + la + ": " + r.statusCode());
        }
        List<String> urls = new ArrayList<>();
        for (JsonNode t : Json.mapper().readTree(r.body()).path("tables")) {
            urls.add(base + "/" + t.path("id").asText());
        }
        return urls;
    }

    /** The ETag of a URL now. */
    static String etag(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("ETag").orElseThrow();
    }
}
