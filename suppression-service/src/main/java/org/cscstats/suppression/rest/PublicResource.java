package org.cscstats.suppression.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cscstats.contract.Excerpt;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.model.Release;
import org.cscstats.suppression.service.ReleaseReader;
import org.cscstats.suppression.service.ReleaseReader.Rendered;
import org.cscstats.suppression.service.TableRendering;

/** The public API (no key): only ever protected figures, from frozen releases. */
@Path("/v1/las")
public class PublicResource {
    public static final String XLSX = ReleaseReader.XLSX;
    /** What a table is offered as, in order of preference when the caller likes several equally. */
    static final List<String> TABLE_TYPES = List.of(MediaType.APPLICATION_JSON, "text/csv", XLSX);
    /**
     * Entries a foi-pack's {@code tables} may list (repeats included). A release has a few dozen tables; a longer
     * list can only be a mistake or an attempt to make the server work.
     */
    static final int MAX_PACK_ENTRIES = 500;
    private static final CacheControl IMMUTABLE = CacheControl.valueOf("public, max-age=31536000, immutable");
    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    private final ReleaseReader reader;

    public PublicResource(ReleaseReader reader) {
        this.reader = reader;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response las(@Context HttpHeaders headers) {
        return respond(headers, ReleaseReader.of(new String(TableRendering.json(reader.las()))), MediaType.APPLICATION_JSON, false);
    }

    @GET
    @Path("{la}/releases")
    @Produces(MediaType.APPLICATION_JSON)
    public Response releases(@PathParam("la") String la, @Context HttpHeaders headers) {
        List<Release> list = Ids.la(la) ? reader.releases(la) : List.of();
        if (list.isEmpty()) {
            return Problems.notFound("LA " + Ids.shown(la) + " has no release");
        }
        return respond(headers, ReleaseReader.of(new String(TableRendering.json(list))), MediaType.APPLICATION_JSON, false);
    }

    @GET
    @Path("{la}/releases/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response release(@PathParam("la") String la, @PathParam("id") String id, @Context HttpHeaders headers) {
        Optional<Release> release = find(la, id);
        if (release.isEmpty()) {
            return noRelease(la, id);
        }
        return respond(headers, reader.render(release.get(), "release", () -> TableRendering.json(release.get())),
                MediaType.APPLICATION_JSON, namesRelease(id));
    }

    @GET
    @Path("{la}/tables")
    @Produces(MediaType.APPLICATION_JSON)
    public Response catalogue(@PathParam("la") String la, @QueryParam("release") String releaseId,
                              @Context HttpHeaders headers) {
        Optional<Release> release = find(la, releaseId);
        if (release.isEmpty()) {
            return noRelease(la, releaseId);
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
        return respond(headers, body, MediaType.APPLICATION_JSON, namesRelease(releaseId));
    }

    @GET
    @Path("{la}/tables/{table}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", XLSX})
    public Response table(@PathParam("la") String la, @PathParam("table") String tableId,
                          @QueryParam("release") String releaseId, @Context HttpHeaders headers) {
        String type = AcceptHeader.choose(headers.getRequestHeader(HttpHeaders.ACCEPT), TABLE_TYPES);
        if (type == null) {
            return Problems.notAcceptable();
        }
        Optional<Release> release = find(la, releaseId);
        if (release.isEmpty()) {
            return noRelease(la, releaseId);
        }
        Optional<PublishedTable> table = reader.table(release.get(), tableId);
        if (table.isEmpty()) {
            return Problems.notFound("no table " + Excerpt.of(tableId) + " in release " + release.get().id());
        }
        PublishedTable t = table.get();
        Rendered body = reader.renderTable(release.get(), t, type);
        Response.ResponseBuilder r = conditional(headers, body, namesRelease(releaseId));
        r.header(HttpHeaders.VARY, "Accept");
        if (!type.equals(MediaType.APPLICATION_JSON)) {
            r.header("Content-Disposition", "attachment; filename=\"" + la + "-" + tableId + (type.equals(XLSX) ? ".xlsx" : ".csv") + "\"");
        }
        return r.type(type.equals("text/csv") ? "text/csv; charset=UTF-8" : type).build();
    }

    /**
     * The listed tables (default: all) as one workbook. The list is reduced to the distinct known ids in catalogue
     * order before it names a rendering, so repeats and orderings of one choice share one cached workbook.
     */
    @GET
    @Path("{la}/foi-pack")
    @Produces(XLSX)
    public Response foiPack(@PathParam("la") String la, @QueryParam("release") String releaseId,
                            @QueryParam("tables") List<String> tablesParams, @Context HttpHeaders headers) {
        List<String> wanted = new ArrayList<>();
        for (String param : tablesParams) {
            for (String id : param.split(",", -1)) {
                if (wanted.size() == MAX_PACK_ENTRIES) {
                    return Problems.of(400, "Bad Request", "tables lists more than " + MAX_PACK_ENTRIES
                            + " entries; a release has far fewer tables: name each once");
                }
                wanted.add(id.strip());
            }
        }
        if (!tablesParams.isEmpty() && wanted.stream().allMatch(String::isEmpty)) {
            return Problems.of(400, "Bad Request",
                    "tables names no table: give table ids separated by commas, or leave tables out for every table");
        }
        Optional<Release> release = find(la, releaseId);
        if (release.isEmpty()) {
            return noRelease(la, releaseId);
        }
        List<PublishedTable> all = reader.tables(release.get());
        List<PublishedTable> pack = all;
        if (!tablesParams.isEmpty()) {
            Set<String> known = new LinkedHashSet<>(all.stream().map(PublishedTable::table).toList());
            List<String> unknown = wanted.stream().filter(id -> !id.isEmpty() && !known.contains(id)).distinct().toList();
            if (!unknown.isEmpty()) {
                return Problems.of(400, "Bad Request", unknown.size() + " unknown table id(s) in tables, the first "
                        + Excerpt.of(unknown.get(0)) + "; GET /v1/las/" + la + "/tables lists release "
                        + release.get().id() + "'s tables");
            }
            Set<String> chosen = Set.copyOf(wanted);
            pack = all.stream().filter(t -> chosen.contains(t.table())).toList();
        }
        List<PublishedTable> tables = pack;
        String what = tables.size() == all.size() ? "foi-pack|*"
                : "foi-pack|" + String.join(",", tables.stream().map(PublishedTable::table).toList());
        Rendered body = reader.render(release.get(), what,
                () -> TableRendering.xlsx(tables, true, release.get().createdAt()));
        return conditional(headers, body, namesRelease(releaseId))
                .header("Content-Disposition", "attachment; filename=\"" + la + "-foi-pack-" + release.get().id() + ".xlsx\"")
                .type(XLSX).build();
    }

    /** A release by the ids of a request; ids of the wrong shape find nothing. */
    private Optional<Release> find(String la, String releaseId) {
        return Ids.la(la) && Ids.release(releaseId) ? reader.release(la, releaseId) : Optional.empty();
    }

    /** True when the URL names one release: only then can its answer never change. */
    private static boolean namesRelease(String releaseId) {
        return releaseId != null && !"latest".equals(releaseId);
    }

    private static Response noRelease(String la, String releaseId) {
        return Problems.notFound(namesRelease(releaseId)
                ? "no release " + Excerpt.of(releaseId) + " for LA " + Ids.shown(la)
                : "LA " + Ids.shown(la) + " has no release");
    }

    private static Response respond(HttpHeaders headers, Rendered body, String type, boolean immutable) {
        return conditional(headers, body, immutable).type(type).build();
    }

    /** Release-named URLs are immutable; "latest" ones revalidate with the ETag (304 when unchanged). */
    private static Response.ResponseBuilder conditional(HttpHeaders headers, Rendered body, boolean immutable) {
        CacheControl cache = immutable ? IMMUTABLE : REVALIDATE;
        if (EntityTags.noneMatchFails(headers.getRequestHeader(HttpHeaders.IF_NONE_MATCH), body.etag())) {
            return Response.notModified().header(HttpHeaders.ETAG, body.etag()).cacheControl(cache);
        }
        return Response.ok(body.bytes()).header(HttpHeaders.ETAG, body.etag()).cacheControl(cache);
    }
}
