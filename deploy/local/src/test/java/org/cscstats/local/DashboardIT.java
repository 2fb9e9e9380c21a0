package org.cscstats.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard (issue 6) in a real browser against the running system: headless Chromium, driven by Selenium
 * through Debian's chromedriver (nothing downloads a browser or driver). Referrals posted to ingest are released
 * by an operator, and the page must show exactly what the public API says — the same display strings, the
 * policy's symbols for withheld cells, a chart without the withheld cells — offer the same spreadsheet and an
 * FOI pack, and follow a new release without a reload. Saves a screenshot to {@code target/dashboard.png}, and to
 * the README's {@code docs/dashboard.png} only when asked ({@code -Ddashboard.readme=true}), so test runs leave the
 * checkout clean.
 */
class DashboardIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LA = "331";
    private static final String TABLE = "referrals-by-ethnicity";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** The families the page ticks by default for the FOI pack (app.js TYPICAL_FOI), with the latest 3 years. */
    private static final List<String> TYPICAL_FOI = List.of("referrals-by-year", "referrals-by-ethnicity",
            "referrals-assessed-by-ethnicity", "referral-outcomes-by-ethnicity");
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));

    @RegisterExtension
    static final LocalSystemExtension LOCAL = new LocalSystemExtension("cscstats-dashboard-");
    private static LocalSystem system;
    private static ChromeDriver browser;
    private static Path profile;
    private static Path downloads;
    private static int eventNumber;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "DashboardIT needs Debian's Chromium and its driver: apt-get install -y chromium chromium-driver");
        system = LOCAL.system();
        profile = Files.createTempDirectory("cscstats-chromium-");
        downloads = Files.createTempDirectory("cscstats-downloads-");
        browser = startBrowser(profile, downloads);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            // the system itself is stopped after this by LOCAL, which keeps its data and logs after a failure
            deleteQuietly(profile);
            deleteQuietly(downloads);
        }
    }

    /** Chromium as Debian ships it: the driver's path and the browser binary are given, so Selenium Manager never runs. */
    static ChromeDriver startBrowser(Path userDataDir, Path downloadDir) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-GB", "--user-data-dir=" + userDataDir);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloadDir.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // headless Chromium honours the download directory through DevTools
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloadDir.toString()));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    @Test
    void thePageShowsWhatTheApiPublishesAndFollowsNewReleases() throws Exception {
        // -- a small dataset in the two completed years before this one: some ethnicities have 1–4 referrals
        int lastYear = fyStart(LocalDate.now(ZoneId.of("Europe/London"))) - 1;
        String older = fy(lastYear - 1);
        String newer = fy(lastYear);
        Map<String, Integer> olderCounts = Map.of("WBRI", 14, "BAFR", 6, "BCRB", 3, "APKN", 2, "MWBC", 5);
        Map<String, Integer> newerCounts = Map.of("WBRI", 18, "BAFR", 2, "BCRB", 7, "APKN", 6, "MWBC", 1);
        postReferrals(lastYear - 1, olderCounts);
        postReferrals(lastYear, newerCounts);
        int olderTotal = olderCounts.values().stream().mapToInt(Integer::intValue).sum();
        int newerTotal = newerCounts.values().stream().mapToInt(Integer::intValue).sum();

        JsonNode byYear = awaitRelease("referrals-by-year", t -> valueIn(t, "total", older) == olderTotal
                && valueIn(t, "total", newer) == newerTotal);
        String release = byYear.get("release").asText();
        JsonNode api = getJson(apiUrl("/tables/" + TABLE + "?release=" + release));
        JsonNode releaseJson = getJson(apiUrl("/releases/" + release));

        // -- the page: choose the LA and the table with the controls a reader uses
        browser.get(system.suppression().url() + "/?poll=2");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("la")).isEnabled() && d.findElement(By.id("table")).isEnabled());
        new Select(browser.findElement(By.id("la"))).selectByValue(LA);
        new Select(browser.findElement(By.id("table"))).selectByValue(TABLE);
        awaitTableShown(wait, TABLE, release);

        // release, cut-off and policy
        assertEquals(release, text("release-id"));
        assertEquals(releaseJson.get("cutoff").asText(),
                browser.findElement(By.cssSelector("#release-cutoff time")).getAttribute("datetime"));
        assertTrue(text("release-policy").startsWith(api.get("policy").get("name").asText() + " ("), text("release-policy"));

        // every number on screen is the API's display string, headers and totals included
        assertScreenMatches(api);

        // a withheld cell shows the policy's symbol, explained in the key
        JsonNode symbols = api.get("policy").get("symbols");
        Set<String> allowed = Set.of(symbols.get("primary").asText(), symbols.get("secondary").asText());
        JsonNode small = cellAt(api, "APKN", older);
        assertTrue(small.path("suppressed").asBoolean(), "2 referrals must be withheld: " + small);
        WebElement smallOnScreen = screenCell("APKN", older);
        assertEquals(small.get("display").asText(), smallOnScreen.getText());
        assertTrue(allowed.contains(smallOnScreen.getText()), smallOnScreen.getText());
        assertEquals(symbols.get("primary").asText(), smallOnScreen.getText(), "a 2 is primary-suppressed");
        assertTrue(smallOnScreen.getAttribute("class").contains("withheld"));
        List<String> keyed = browser.findElements(By.cssSelector("#legend dt")).stream().map(WebElement::getText).toList();
        for (String used : withheldSymbols(api)) {
            assertTrue(keyed.contains(used), "the key explains " + used + ": " + keyed);
        }
        assertFalse(text("totals-note").isBlank());

        // the chart draws the same figures and leaves every withheld cell out
        assertChartMatches(api);

        screenshot(Boolean.getBoolean("dashboard.readme")
                ? new Path[]{Path.of("target/dashboard.png"), LocalSystem.projectRoot().resolve("docs/dashboard.png")}
                : new Path[]{Path.of("target/dashboard.png")});

        // -- downloads: the page's buttons, read back and compared with the API
        byte[] csv = download("download-csv", ".csv");
        assertEquals(getBody(apiUrl("/tables/" + TABLE + "?release=" + release), "text/csv"),
                new String(csv, StandardCharsets.UTF_8));
        byte[] xlsx = download("download-xlsx", ".xlsx");
        assertSpreadsheetMatches(xlsx, api);

        // the FOI pack: a sheet per ticked table (each titled as the API titles it), then the notes
        List<String> pack = sheetTitles(download("download-foi", ".xlsx"));
        JsonNode catalogue = getJson(apiUrl("/tables?release=" + release));
        List<String> expected = new ArrayList<>();
        for (String id : foiDefaultTables(catalogue)) {
            expected.add(getJson(apiUrl("/tables/" + id + "?release=" + release)).get("title").asText());
        }
        expected.add("Notes");
        assertEquals(expected, pack, "the FOI pack holds the ticked tables and a notes sheet");

        // -- polling: only 304s while nothing is released
        JavascriptExecutor js = browser;
        js.executeScript("window.__sameDocument = 'yes';");
        wait.until(d -> pollStat("notModified") >= 2);
        assertEquals(0L, pollStat("changed"));
        assertEquals(0L, pollStat("errors"));

        // -- a new release appears on the page without a reload
        postReferrals(lastYear, Map.of("WBRI", 10));
        JsonNode updated = awaitRelease("referrals-by-year", t -> valueIn(t, "total", newer) == newerTotal + 10);
        String newRelease = updated.get("release").asText();
        assertNotEquals(release, newRelease);
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            String latest = latestReleaseId();
            return latest.equals(d.findElement(By.id("data")).getAttribute("data-release"))
                    && latest.equals(d.findElement(By.id("release-id")).getText());
        });
        assertEquals("yes", js.executeScript("return window.__sameDocument;"), "the page must not reload");
        String shown = text("release-id");
        assertScreenMatches(getJson(apiUrl("/tables/" + TABLE + "?release=" + shown)));
        assertTrue(text("status").contains("New figures"), text("status"));
        assertTrue(pollStat("changed") >= 1);
        assertEquals(0L, pollStat("errors"));
        screenshot(Path.of("target/dashboard-after-new-release.png"));
    }

    // ----------------------------------------------------------------------------------------------------------
    // The page

    private static void awaitTableShown(WebDriverWait wait, String table, String release) {
        wait.until(d -> {
            WebElement t = d.findElement(By.id("data"));
            return table.equals(t.getAttribute("data-table")) && release.equals(t.getAttribute("data-release"));
        });
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static WebElement screenCell(String row, String column) {
        return browser.findElement(By.cssSelector("#data td[data-row='" + row + "'][data-column='" + column + "']"));
    }

    /** Header labels, every cell, row and column totals and the grand total: screen text = API display. */
    private static void assertScreenMatches(JsonNode api) {
        WebElement table = browser.findElement(By.id("data"));
        assertEquals(api.get("release").asText(), table.getAttribute("data-release"));
        assertTrue(table.findElement(By.tagName("caption")).getText().startsWith(api.get("title").asText()));
        List<WebElement> headerCells = table.findElements(By.cssSelector("thead tr > *"));
        JsonNode columns = api.get("columns");
        for (int c = 0; c < columns.size(); c++) {
            assertEquals(label(columns.get(c)), headerCells.get(c + 1).getText());
            assertEquals("col", headerCells.get(c + 1).getAttribute("scope"));
        }
        List<WebElement> rowHeaders = table.findElements(By.cssSelector("tbody th[scope=row]"));
        JsonNode rows = api.get("rows");
        assertEquals(rows.size(), rowHeaders.size());
        int checked = 0;
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(label(rows.get(r)), rowHeaders.get(r).getText());
            String row = rows.get(r).get("code").asText();
            for (int c = 0; c < columns.size(); c++) {
                assertCell(api.get("cells").get(r).get(c), row, columns.get(c).get("code").asText());
                checked++;
            }
            if (api.hasNonNull("rowTotals")) {
                assertCell(api.get("rowTotals").get(r), row, "total");
            }
        }
        if (api.hasNonNull("columnTotals")) {
            for (int c = 0; c < columns.size(); c++) {
                assertCell(api.get("columnTotals").get(c), "total", columns.get(c).get("code").asText());
            }
            if (api.hasNonNull("rowTotals")) {
                assertCell(api.get("total"), "total", "total");
            }
        }
        assertEquals(rows.size() * columns.size(), checked);
    }

    private static void assertCell(JsonNode cell, String row, String column) {
        WebElement td = screenCell(row, column);
        assertEquals(cell.get("display").asText(), td.getText(), row + " × " + column);
        assertEquals(cell.path("suppressed").asBoolean(), td.getAttribute("class").contains("withheld"), row + " × " + column);
    }

    /** The Chart.js datasets hold the API's values with null (not drawn) exactly where a cell is withheld. */
    @SuppressWarnings("unchecked")
    private static void assertChartMatches(JsonNode api) {
        List<List<Object>> datasets = (List<List<Object>>) browser.executeScript(
                "return Chart.getChart(document.getElementById('chart')).data.datasets.map(d => d.data);");
        JsonNode rows = api.get("rows");
        JsonNode columns = api.get("columns");
        // a breakdown over years: one bar per row (ethnicity), one dataset per year (column)
        assertEquals(columns.size(), datasets.size());
        int withheld = 0;
        for (int c = 0; c < columns.size(); c++) {
            assertEquals(rows.size(), datasets.get(c).size());
            for (int r = 0; r < rows.size(); r++) {
                JsonNode cell = api.get("cells").get(r).get(c);
                Object drawn = datasets.get(c).get(r);
                if (cell.path("suppressed").asBoolean()) {
                    assertNull(drawn, "withheld cells are not drawn");
                    withheld++;
                } else {
                    assertEquals(0, new BigDecimal(drawn.toString()).compareTo(cell.get("value").decimalValue()));
                }
            }
        }
        assertEquals(String.valueOf(withheld), browser.findElement(By.id("chart-box")).getAttribute("data-withheld"));
        if (withheld > 0) {
            assertTrue(text("chart-note").contains("not drawn"), text("chart-note"));
        }
    }

    private static long pollStat(String name) {
        return ((Number) browser.executeScript("return window.cscDashboard.pollStats[arguments[0]];", name)).longValue();
    }

    /** Clicks a download button and returns the file the browser saved. */
    private static byte[] download(String button, String suffix) throws Exception {
        Set<Path> before = listFiles(downloads);
        browser.findElement(By.id(button)).click();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            for (Path p : listFiles(downloads)) {
                String name = p.getFileName().toString();
                if (!before.contains(p) && name.endsWith(suffix) && Files.size(p) > 0) {
                    Thread.sleep(200); // let the browser finish renaming
                    return Files.readAllBytes(p);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(button + " saved no " + suffix + " file in " + downloads + ": " + listFiles(downloads)
                + "; page says: " + text("problem") + " " + text("status"));
    }

    private static Set<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new LinkedHashSet<>(s.toList());
        }
    }

    /** A full-page PNG (through DevTools, beyond the viewport), written to each of the given paths. */
    @SuppressWarnings("unchecked")
    private static void screenshot(Path... targets) throws IOException {
        browser.executeScript("if (document.activeElement) { document.activeElement.blur(); }");
        Map<String, Object> size = (Map<String, Object>) browser.executeScript(
                "return {w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight};");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", ((Number) size.get("w")).intValue(),
                        "height", ((Number) size.get("h")).intValue(), "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        for (Path target : targets) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.write(tmp, png);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Spreadsheets

    /** Title, header row, one row per table row, the Total row, then the notes: as the API's display strings. */
    private static void assertSpreadsheetMatches(byte[] xlsx, JsonNode api) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(xlsx); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            Sheet sheet = wb.getFirstSheet();
            List<Row> rows = sheet.read();
            Map<Integer, Row> byIndex = new HashMap<>();
            for (Row row : rows) {
                byIndex.put(row.getRowNum() - 1, row);
            }
            assertEquals(api.get("title").asText(), cellText(byIndex.get(0), 0));
            JsonNode columns = api.get("columns");
            for (int c = 0; c < columns.size(); c++) {
                assertEquals(label(columns.get(c)), cellText(byIndex.get(1), c + 1));
            }
            JsonNode tableRows = api.get("rows");
            for (int r = 0; r < tableRows.size(); r++) {
                Row row = byIndex.get(r + 2);
                assertEquals(label(tableRows.get(r)), cellText(row, 0));
                for (int c = 0; c < columns.size(); c++) {
                    assertSheetCell(api.get("cells").get(r).get(c), row, c + 1);
                }
                if (api.hasNonNull("rowTotals")) {
                    assertSheetCell(api.get("rowTotals").get(r), row, columns.size() + 1);
                }
            }
            if (api.hasNonNull("columnTotals")) {
                Row totals = byIndex.get(tableRows.size() + 2);
                assertEquals("Total", cellText(totals, 0));
                for (int c = 0; c < columns.size(); c++) {
                    assertSheetCell(api.get("columnTotals").get(c), totals, c + 1);
                }
            }
            List<String> sheetText = rows.stream().map(r -> cellText(r, 0)).toList();
            for (JsonNode note : api.get("notes")) {
                assertTrue(sheetText.contains(note.asText()), "the sheet carries the note " + note);
            }
        }
    }

    private static void assertSheetCell(JsonNode cell, Row row, int column) {
        String text = cellText(row, column);
        if (cell.has("value")) {
            assertEquals(0, new BigDecimal(text).compareTo(cell.get("value").decimalValue()), "sheet cell " + text + " vs " + cell);
        } else {
            assertEquals(cell.get("display").asText(), text);
        }
    }

    private static String cellText(Row row, int column) {
        if (row == null || column >= row.getCellCount() || row.getCell(column) == null) {
            return "";
        }
        return row.getCell(column).getText();
    }

    /** The first cell of every sheet: a table's title, or "Notes" on the notes sheet. */
    private static List<String> sheetTitles(byte[] xlsx) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(xlsx); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            List<String> titles = new ArrayList<>();
            for (Sheet sheet : wb.getSheets().toList()) {
                List<Row> rows = sheet.read();
                titles.add(rows.isEmpty() ? "" : cellText(rows.get(0), 0));
            }
            return titles;
        }
    }

    private static List<String> foiDefaultTables(JsonNode catalogue) {
        List<String> years = new ArrayList<>();
        for (JsonNode t : catalogue.get("tables")) {
            String fy = t.path("fixed").path("fy").asText(null);
            if (fy != null && !years.contains(fy)) {
                years.add(fy);
            }
        }
        years.sort(null);
        List<String> latest = years.subList(Math.max(0, years.size() - 3), years.size());
        List<String> out = new ArrayList<>();
        for (JsonNode t : catalogue.get("tables")) {
            String id = t.get("id").asText();
            String fy = t.path("fixed").path("fy").asText(null);
            String family = fy == null ? id : id.replaceFirst("-" + fy.replace('/', '-') + "$", "");
            if (TYPICAL_FOI.contains(family) && (fy == null || latest.contains(fy))) {
                out.add(id);
            }
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------------------------
    // The API

    private static String apiUrl(String path) {
        return system.suppression().url() + "/v1/las/" + LA + path;
    }

    private static String latestReleaseId() {
        try {
            return getJson(apiUrl("/releases/latest")).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Referrals in the financial year starting in April of {@code year}, one child each, spread over the year. */
    private static void postReferrals(int year, Map<String, Integer> byEthnicity) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        String[] sources = {"2A", "3A", "5A", "1A"};
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(byEthnicity).entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                int n = eventNumber++;
                LocalDate date = LocalDate.of(year, 4, 3).plusDays((n * 37L) % 350);
                LocalDate birth = LocalDate.of(year - 1 - (n * 5) % 16, 1 + n % 12, 1 + n % 28);
                ndjson.append(String.format("{\"id\":\"dash-ev-%d\",\"type\":\"referral\",\"la\":\"%s\",\"childId\":\"dash-child-%d\","
                                + "\"referralId\":\"dash-ref-%d\",\"date\":\"%s\",\"referralSource\":\"%s\","
                                + "\"child\":{\"birthDate\":\"%s\",\"sex\":\"%s\",\"ethnicity\":\"%s\"}}%n",
                        n, LA, n, n, date, sources[n % sources.length], birth, n % 2 == 0 ? "F" : "M", e.getKey()));
            }
        }
        HttpResponse<String> posted = post(system.ingest().url() + "/v1/events", ndjson.toString(), "application/x-ndjson",
                LocalSystem.INGEST_KEY);
        assertEquals(202, posted.statusCode(), posted.body());
    }

    /** Makes releases until the table satisfies the condition (the cubes reach suppression within seconds). */
    private static JsonNode awaitRelease(String table, Predicate<JsonNode> ready) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode last = null;
        String lastMade = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> made = post(system.suppression().url() + "/v1/las/" + LA + "/releases", "",
                    "application/json", LocalSystem.OPERATOR_KEY);
            lastMade = made.statusCode() + " " + made.body();
            if (made.statusCode() == 201) {
                String id = JSON.readTree(made.body()).get("id").asText();
                last = getJson(apiUrl("/tables/" + table + "?release=" + id));
                if (ready.test(last)) {
                    return last;
                }
            }
            Thread.sleep(1500);
        }
        throw new AssertionError("table " + table + " never showed the events; last release answer: " + lastMade
                + "; last table: " + last);
    }

    private static long valueIn(JsonNode table, String row, String column) {
        try {
            JsonNode cell = cellAt(table, row, column);
            return cell.has("value") ? cell.get("value").asLong() : -1;
        } catch (AssertionError e) {
            return -1;
        }
    }

    private static JsonNode cellAt(JsonNode table, String row, String column) {
        JsonNode rows = table.get("rows");
        JsonNode columns = table.get("columns");
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).get("code").asText().equals(row)) {
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).get("code").asText().equals(column)) {
                        return table.get("cells").get(r).get(c);
                    }
                }
            }
        }
        throw new AssertionError("no cell " + row + " × " + column + " in " + table.get("table"));
    }

    private static Set<String> withheldSymbols(JsonNode api) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode row : api.get("cells")) {
            for (JsonNode cell : row) {
                if (cell.path("suppressed").asBoolean()) {
                    out.add(cell.get("display").asText());
                }
            }
        }
        return out;
    }

    private static String label(JsonNode header) {
        return header.get("label").asText() + (header.path("partial").asBoolean() ? " (partial)" : "");
    }

    private static int fyStart(LocalDate date) {
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }

    private static String fy(int startYear) {
        return startYear + "/" + String.format("%02d", (startYear + 1) % 100);
    }

    static JsonNode getJson(String url) throws Exception {
        return JSON.readTree(getBody(url, "application/json"));
    }

    static String getBody(String url, String accept) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    static HttpResponse<String> post(String url, String body, String type, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", type).header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
