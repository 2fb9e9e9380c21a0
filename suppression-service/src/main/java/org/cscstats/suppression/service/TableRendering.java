package org.cscstats.suppression.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Json;
import org.cscstats.suppression.catalogue.Header;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.model.Release;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The three representations of a protected table (docs/api.md › Tables): JSON, CSV (RFC 4180) and XLSX. Pure functions. */
public final class TableRendering {
    private static final ObjectMapper JSON = Json.mapper();

    private TableRendering() {
    }

    /** The JSON body of docs/api.md › Tables: the table with its release and the release's whole policy. */
    public static Map<String, Object> body(PublishedTable t, Release release) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("la", t.la());
        out.put("table", t.table());
        out.put("measure", t.measure());
        out.put("release", release.id());
        out.put("policy", release.policy());
        out.put("title", t.title());
        out.put("fixed", t.fixed());
        out.put("rowDimension", t.rowDimension());
        out.put("columnDimension", t.columnDimension());
        out.put("rows", t.rows());
        out.put("columns", t.columns());
        out.put("cells", t.cells());
        out.put("rowTotals", t.rowTotals());
        out.put("columnTotals", t.columnTotals());
        out.put("total", t.total());
        out.put("notes", t.notes());
        return out;
    }

    public static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] csv(PublishedTable t) {
        StringBuilder out = new StringBuilder();
        for (List<String> line : grid(t)) {
            List<String> quoted = new ArrayList<>();
            for (String field : line) {
                quoted.add(quote(field));
            }
            out.append(String.join(",", quoted)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The tables as a workbook. fastexcel stamps the workbook with the time of writing; that stamp becomes
     * {@code created} (the release's) so the bytes, and so the ETag, depend only on the release.
     */
    public static byte[] xlsx(List<PublishedTable> tables, boolean notesSheet, Instant created) {
        return stampCreated(xlsx(tables, notesSheet), created);
    }

    static byte[] xlsx(List<PublishedTable> tables, boolean notesSheet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(bytes, "cscstats", "1.0");
            List<String> usedNames = new ArrayList<>();
            for (PublishedTable t : tables) {
                Worksheet ws = wb.newWorksheet(sheetName(t.table(), usedNames));
                List<List<String>> grid = grid(t);
                for (int r = 0; r < grid.size(); r++) {
                    List<String> line = grid.get(r);
                    for (int c = 0; c < line.size(); c++) {
                        String v = line.get(c);
                        if (r > 1 && c > 0 && v.matches("-?\\d+")) {
                            ws.value(r, c, Long.parseLong(v));
                        } else if (r > 1 && c > 0 && v.matches("-?\\d+\\.\\d+")) {
                            ws.value(r, c, Double.parseDouble(v));
                        } else {
                            ws.value(r, c, v);
                        }
                    }
                }
                ws.style(0, 0).bold().set();
                ws.width(0, 36);
            }
            if (notesSheet) {
                Worksheet ws = wb.newWorksheet("Notes");
                List<String> notes = tables.stream().flatMap(t -> t.notes().stream()).distinct().toList();
                ws.value(0, 0, "Notes");
                for (int i = 0; i < notes.size(); i++) {
                    ws.value(i + 1, 0, notes.get(i));
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static final Pattern CREATED = Pattern.compile("(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)");
    // a local date-time is written as it is (setTime would convert through the JVM's time zone)
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    /**
     * Copies an XLSX package with docProps/core.xml's creation time replaced and every entry dated alike. Read from the
     * central directory (ZipFile): fastexcel's local headers carry no sizes, which ZipInputStream refuses.
     */
    static byte[] stampCreated(byte[] xlsx, Instant created) {
        String stamp = DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS));
        try {
            Path tmp = Files.createTempFile("cscstats-", ".xlsx");
            try {
                Files.write(tmp, xlsx);
                ByteArrayOutputStream out = new ByteArrayOutputStream(xlsx.length + 256);
                try (ZipFile in = new ZipFile(tmp.toFile()); ZipOutputStream zip = new ZipOutputStream(out)) {
                    for (ZipEntry entry : Collections.list(in.entries())) {
                        byte[] content;
                        try (InputStream is = in.getInputStream(entry)) {
                            content = is.readAllBytes();
                        }
                        if (entry.getName().equals("docProps/core.xml")) {
                            content = CREATED.matcher(new String(content, StandardCharsets.UTF_8))
                                    .replaceFirst("$1" + stamp + "$2").getBytes(StandardCharsets.UTF_8);
                        }
                        ZipEntry copy = new ZipEntry(entry.getName());
                        copy.setTimeLocal(ENTRY_TIME);
                        zip.putNextEntry(copy);
                        zip.write(content);
                        zip.closeEntry();
                    }
                }
                return out.toByteArray();
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Title, header row, one row per table row, the Total row, a blank line and the notes, as display strings. */
    static List<List<String>> grid(PublishedTable t) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of(t.title()));
        List<String> header = new ArrayList<>();
        header.add(t.rowDimension() == null ? "" : Dimension.byId(t.rowDimension()).label());
        for (Header h : t.columns()) {
            header.add(h.label() + (h.partial() ? " (partial)" : ""));
        }
        if (t.rowTotals() != null) {
            header.add("Total");
        }
        out.add(header);
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> line = new ArrayList<>();
            Header h = t.rows().get(r);
            line.add(h.label() + (h.partial() ? " (partial)" : ""));
            for (PublishedCell c : t.cells().get(r)) {
                line.add(c.display());
            }
            if (t.rowTotals() != null) {
                line.add(t.rowTotals().get(r).display());
            }
            out.add(line);
        }
        if (t.columnTotals() != null) {
            List<String> line = new ArrayList<>();
            line.add("Total");
            for (PublishedCell c : t.columnTotals()) {
                line.add(c.display());
            }
            if (t.total() != null) {
                line.add(t.total().display());
            }
            out.add(line);
        }
        out.add(List.of());
        for (String note : t.notes()) {
            out.add(List.of(note));
        }
        return out;
    }

    private static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }

    /** Excel sheet names: at most 31 characters, unique; a long id keeps its end (the year) after a "~". */
    static String sheetName(String id, List<String> used) {
        String base = id.length() > 31 ? id.substring(0, 23) + "~" + id.substring(id.length() - 7) : id;
        String name = base;
        for (int i = 2; used.contains(name); i++) {
            String suffix = "~" + i;
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        used.add(name);
        return name;
    }
}
