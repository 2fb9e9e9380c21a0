package org.cscstats.suppression.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.mapping.Release;
import org.cscstats.suppression.service.ReleaseReader;
import org.cscstats.suppression.service.ReleaseReader.Rendered;
import org.cscstats.suppression.service.TableRendering;

/** The public API (no key): only ever protected figures, from frozen releases. */
@Path("/v1/las")
public class PublicResource {
    public static final String XLSX = ReleaseReader.XLSX;
    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");
    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    private final ReleaseReader reader;

    public PublicResource(ReleaseReader reader) {
        this.reader = reader;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response las(@Context Request request) {
        return respond(request, ReleaseReader.of(new String(TableRendering.json(reader.las()))), MediaType.APPLICATION_JSON, false);
    }

    @GET
    @Path("{la}/releases")
    @Produces(MediaType.APPLICATION_JSON)
    public Response releases(@PathParam("la") String la, @Context Request request) {
        List<Release> list = reader.releases(la);
        if (list.isEmpty()) {
            return Problems.notFound("LA " + la + " has no release");
        }
        return respond(request, ReleaseReader.of(new String(TableRendering.json(list))), MediaType.APPLICATION_JSON, false);
    }

    @GET
    @Path("{la}/releases/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response release(@PathParam("la") String la, @PathParam("id") String id, @Context Request request) {
        Optional<Release> release = reader.release(la, id);
        if (release.isEmpty()) {
            return Problems.notFound("no release " + id + " for LA " + la);
        }
        return respond(request, reader.render(release.get(), "release", () -> TableRendering.json(release.get())),
                MediaType.APPLICATION_JSON, !"latest".equals(id));
    }

    @GET
    @Path("{la}/tables")
    @Produces(MediaType.APPLICATION_JSON)
    public Response catalogue(@PathParam("la") String la, @QueryParam("release") String releaseId,
                              @Context Request request) {
        Optional<Release> release = reader.release(la, releaseId);
        if (release.isEmpty()) {
            return Problems.notFound(releaseId == null ? "LA " + la + " has no release" : "no release " + releaseId + " for LA " + la);
        }
        Rendered body = reader.render(release.get(), "catalogue", () -> {
            List<Map<String, Object>> tables = new ArrayList<>();
            for (PublishedTable t : reader.tables(release.get())) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", t.table());
                entry.put("measure", t.measure());
                entry.put("title", t.title());
                entry.put("rowDimension", t.rowDimension());
                entry.put("columnDimension", t.columnDimension());
                entry.put("fixed", t.fixed());
                tables.add(entry);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("release", release.get().id());
            out.put("tables", tables);
            return TableRendering.json(out);
        });
        return respond(request, body, MediaType.APPLICATION_JSON, releaseId != null);
    }

    @GET
    @Path("{la}/tables/{table}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", XLSX})
    public Response table(@PathParam("la") String la, @PathParam("table") String tableId,
                          @QueryParam("release") String releaseId, @HeaderParam(HttpHeaders.ACCEPT) String accept,
                          @Context Request request) {
        String type = negotiate(accept);
        if (type == null) {
            return Problems.of(406, "Not Acceptable", "this table is available as application/json, text/csv or " + XLSX);
        }
        Optional<Release> release = reader.release(la, releaseId);
        if (release.isEmpty()) {
            return Problems.notFound(releaseId == null ? "LA " + la + " has no release" : "no release " + releaseId + " for LA " + la);
        }
        Optional<PublishedTable> table = reader.table(release.get(), tableId);
        if (table.isEmpty()) {
            return Problems.notFound("no table " + tableId + " in release " + release.get().id());
        }
        PublishedTable t = table.get();
        Rendered body = reader.renderTable(release.get(), t, type);
        Response.ResponseBuilder r = conditional(request, body, releaseId != null);
        r.header(HttpHeaders.VARY, "Accept");
        if (!type.equals(MediaType.APPLICATION_JSON)) {
            r.header("Content-Disposition", "attachment; filename=\"" + la + "-" + tableId + (type.equals(XLSX) ? ".xlsx" : ".csv") + "\"");
        }
        return r.type(type.equals("text/csv") ? "text/csv; charset=UTF-8" : type).build();
    }

    @GET
    @Path("{la}/foi-pack")
    @Produces(XLSX)
    public Response foiPack(@PathParam("la") String la, @QueryParam("release") String releaseId,
                            @QueryParam("tables") String tableIds, @Context Request request) {
        Optional<Release> release = reader.release(la, releaseId);
        if (release.isEmpty()) {
            return Problems.notFound(releaseId == null ? "LA " + la + " has no release" : "no release " + releaseId + " for LA " + la);
        }
        List<PublishedTable> all = reader.tables(release.get());
        List<PublishedTable> chosen = all;
        if (tableIds != null && !tableIds.isBlank()) {
            List<String> wanted = Arrays.stream(tableIds.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            chosen = new ArrayList<>();
            for (String id : wanted) {
                Optional<PublishedTable> t = all.stream().filter(x -> x.table().equals(id)).findFirst();
                if (t.isEmpty()) {
                    return Problems.notFound("no table " + id + " in release " + release.get().id());
                }
                chosen.add(t.get());
            }
        }
        List<PublishedTable> pack = chosen;
        Rendered body = reader.render(release.get(), "foi-pack|" + String.join(",", pack.stream().map(PublishedTable::table).toList()),
                () -> TableRendering.xlsx(pack, true, release.get().createdAt()));
        return conditional(request, body, releaseId != null)
                .header("Content-Disposition", "attachment; filename=\"" + la + "-foi-pack-" + release.get().id() + ".xlsx\"")
                .type(XLSX).build();
    }

    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        for (String part : accept.split(",")) {
            String t = part.split(";")[0].strip().toLowerCase();
            switch (t) {
                case "application/json", "*/*", "application/*" -> {
                    return MediaType.APPLICATION_JSON;
                }
                case "text/csv", "text/*" -> {
                    return "text/csv";
                }
                case XLSX -> {
                    return XLSX;
                }
                default -> {
                }
            }
        }
        return null;
    }

    private static Response respond(Request request, Rendered body, String type, boolean immutable) {
        return conditional(request, body, immutable).type(type).build();
    }

    /** Release-named URLs are immutable; "latest" ones revalidate with the ETag (304 when unchanged). */
    private static Response.ResponseBuilder conditional(Request request, Rendered body, boolean immutable) {
        EntityTag tag = EntityTag.valueOf(body.etag());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).cacheControl(immutable ? IMMUTABLE : REVALIDATE);
        }
        return Response.ok(body.bytes()).tag(tag).cacheControl(immutable ? IMMUTABLE : REVALIDATE);
    }
}
