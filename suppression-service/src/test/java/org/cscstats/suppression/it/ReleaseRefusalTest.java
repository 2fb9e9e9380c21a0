package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.repository.ReleaseRepository;
import org.cscstats.suppression.service.AuditedProtection;
import org.cscstats.suppression.service.PolicyConfig;
import org.cscstats.suppression.support.Republished;
import org.junit.jupiter.api.Test;

/**
 * Fail closed, against a real Kafka broker and PostgreSQL: LA 857's first release (stored here as if published
 * by an older, unsafe version) printed its 3 African referrals outright. They have not changed, so no pattern can
 * protect them: the next release is refused with 422 naming the LA, the cells and the release, nothing is stored,
 * and the first release stays the latest.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class ReleaseRefusalTest {

    @Inject
    CubeStore store;
    @Inject
    ReleaseRepository releases;
    @Inject
    PolicyConfig policy;

    @Test
    void aReleaseThatFailsItsAuditIsRefusedAndNothingIsServed() throws Exception {
        List<Cube> cubes = Fixtures.year("857", "2023/24", 1, 40, 3);
        Fixtures.publish(cubes);
        Fixtures.awaitStored(store, cubes, Duration.ofSeconds(60));
        List<PublishedTable> leaky = new ArrayList<>();
        for (PublishedTable t : new AuditedProtection().protect("857", "857-1", cubes, policy.get(), List.of())
                .tables()) {
            leaky.add(t.table().equals("referrals-by-ethnicity") ? Republished.printing(t, "BAFR", 0, 3) : t);
        }
        try (ReleaseRepository.ReleaseLock lock = releases.lock("857").await().indefinitely()) {
            lock.insert(Instant.now(), policy.describe(), leaky, Map.of(), cubes).await().indefinitely();
        }

        given().header("Authorization", Fixtures.OPS_ANY).when().post("/v1/las/857/releases").then()
                .statusCode(422).contentType("application/problem+json").body("la", equalTo("857"))
                .body("cellsFailed", greaterThanOrEqualTo(1)).body("releases", hasItem("857-1"));
        given().when().get("/v1/las/857/releases/latest").then().statusCode(200).body("id", equalTo("857-1"));
        given().when().get("/v1/las/857/releases").then().statusCode(200).body("size()", equalTo(1));
    }
}
