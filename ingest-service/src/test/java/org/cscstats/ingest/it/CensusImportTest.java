package org.cscstats.ingest.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import org.cscstats.infra.RealInfrastructure;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/imports/cin-census} against a real broker: imported once, and a second time changes nothing. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class CensusImportTest {

    @Test
    void aCensusImportsOnceAndAgainWithoutChange() throws IOException {
        byte[] xml;
        try (InputStream in = CensusImportTest.class.getResourceAsStream("/census/cin-mixed.xml")) {
            xml = in.readAllBytes();
        }
        int published = given().contentType("application/xml").header("Authorization", "Bearer " + EventIntakeTest.KEY_331)
                .body(xml).when().post("/v1/imports/cin-census")
                .then().statusCode(200).body("la", equalTo("331")).body("children", equalTo(3))
                .body("eventsPublished", greaterThan(0)).body("duplicates", equalTo(0))
                .extract().path("eventsPublished");
        given().contentType("application/xml").header("Authorization", "Bearer " + EventIntakeTest.KEY_331)
                .body(xml).when().post("/v1/imports/cin-census")
                .then().statusCode(200).body("eventsPublished", equalTo(0)).body("duplicates", equalTo(published));
    }

    @Test
    void notACensusIs400AndAnotherLasCensusIs403() {
        given().contentType("application/xml").header("Authorization", "Bearer " + EventIntakeTest.KEY_331)
                .body("<html><body>hello</body></html>").when().post("/v1/imports/cin-census")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/xml").header("Authorization", "Bearer " + EventIntakeTest.KEY_331)
                .body("<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>"
                        + "<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails><Source><LEA>856</LEA></Source>"
                        + "</Header><Children></Children></Message>")
                .when().post("/v1/imports/cin-census").then().statusCode(403);
    }
}
