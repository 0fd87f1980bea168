package org.minyi.nlp;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NlpResourceTest {

    @Test
    void analysesABatchEchoingIds() {
        asAdmin().body(List.of(
                        Map.of("id", "a", "text", "对这次拆迁补偿非常不满意，没有人给个说法"),
                        Map.of("id", 7, "text", "社区医生上门服务，非常感谢！"),
                        Map.of("id", "empty", "text", "")))
                .post("/api/nlp/analyze").then().statusCode(200)
                .body("$", hasSize(3))
                .body("[0].id", equalTo("a"))
                .body("[0].sentiment.label", equalTo("negative"))
                .body("[0].sentiment.score", notNullValue())
                .body("[0].category", notNullValue())
                .body("[1].id", equalTo(7))
                .body("[2].sentiment.label", equalTo("neutral"));
    }

    @Test
    void refusesBadRequests() {
        asAdmin().body(Map.of("id", 1, "text", "不是数组")).post("/api/nlp/analyze").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        asAdmin().body(List.of(Map.of("id", 1))).post("/api/nlp/analyze").then().statusCode(400)
                .body("errors[0].field", equalTo("[0].text"));
        asAdmin().body(List.of(Map.of("id", 1, "text", "长".repeat(100_001)))).post("/api/nlp/analyze")
                .then().statusCode(400).body("errors[0].field", equalTo("[0].text"));
        List<Map<String, Object>> big = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            big.add(Map.of("id", i, "text", "x"));
        }
        asAdmin().body(big).post("/api/nlp/analyze").then().statusCode(400).body("errors[0].field", equalTo("body"));
    }
}
