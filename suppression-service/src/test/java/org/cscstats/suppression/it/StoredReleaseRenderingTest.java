package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.model.Release;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.repository.ReleaseRepository;
import org.cscstats.suppression.service.ReleaseReader;
import org.cscstats.suppression.service.ReleaseReader.Rendered;
import org.cscstats.suppression.service.TableRendering;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/**
 * A release's served bytes and ETags are a pure function of what is stored: a fresh reader (as after a restart,
 * nothing cached) renders every table, in every format, byte for byte as the running service served it, later.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class StoredReleaseRenderingTest {
    private static final String LA = "333";
    private static final List<String> TYPES = List.of(ReleaseReader.JSON, ReleaseReader.CSV, ReleaseReader.XLSX);

    @Inject
    CubeStore store;
    @Inject
    ReleaseRepository repository;

    @Test
    void aFreshReaderRendersTheSameBytesAndEtags() throws Exception {
        List<Cube> cubes = Fixtures.year(LA, "2023/24", 1, 70, 4);
        Fixtures.publish(cubes);
        Fixtures.awaitStored(store, cubes, Duration.ofSeconds(60));
        String id = Fixtures.release(LA, Fixtures.OPS_ANY, Duration.ofSeconds(60));
        List<String> tables = given().get("/v1/las/" + LA + "/tables?release=" + id).path("tables.id");
        assertTrue(tables.size() > 5, "catalogue: " + tables);

        Thread.sleep(1_100); // a clock-dependent rendering (e.g. a workbook's creation time) would now differ
        ReleaseReader fresh = new ReleaseReader(repository);
        Release release = fresh.release(LA, id).orElseThrow();
        for (String table : tables) {
            PublishedTable t = fresh.table(release, table).orElseThrow();
            for (String type : TYPES) {
                Response served = given().accept(type).get("/v1/las/" + LA + "/tables/" + table + "?release=" + id);
                assertEquals(200, served.statusCode());
                Rendered again = fresh.renderTable(release, t, type);
                assertArrayEquals(served.asByteArray(), again.bytes(), table + " as " + type);
                assertEquals(served.header("ETag"), again.etag(), table + " as " + type);
                // "latest" is the same representation with the same ETag
                assertEquals(served.header("ETag"), given().accept(type).get("/v1/las/" + LA + "/tables/" + table).header("ETag"));
            }
        }
        // the FOI pack too, and the workbook is a real one dated by the release
        Response pack = given().get("/v1/las/" + LA + "/foi-pack?release=" + id);
        byte[] again = TableRendering.xlsx(fresh.tables(release), true, release.createdAt());
        assertArrayEquals(pack.asByteArray(), again);
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(again))) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertEquals(tables.size() + 1, sheets.size());
            assertEquals("Notes", sheets.get(sheets.size() - 1).getName());
        }
        assertTrue(new String(unzipCore(again)).contains(java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                release.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))), "the workbook carries the release's time");
    }

    private static byte[] unzipCore(byte[] xlsx) throws Exception {
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("pack", ".xlsx");
        try {
            java.nio.file.Files.write(tmp, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile())) {
                return zip.getInputStream(zip.getEntry("docProps/core.xml")).readAllBytes();
            }
        } finally {
            java.nio.file.Files.delete(tmp);
        }
    }
}
