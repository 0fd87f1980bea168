package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.minyi.Api.as;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

@QuarkusTest
class UnitResourceTest {

    static Map<String, Object> unit(String name, String kind, Object parentId) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("parentId", parentId);
        return m;
    }

    static int idOf(String name) {
        List<Map<String, Object>> all = asAdmin().get("/api/units").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(u -> name.equals(u.get("name"))).map(u -> (Integer) u.get("id")).findFirst().orElseThrow();
    }

    @Test
    void demoDistrictIsLoadedWithStreetsCommunitiesAndDepartments() {
        asAdmin().get("/api/units").then().statusCode(200)
                .body("name", hasItem("湖滨社区")).body("name", hasItem("生态环境分局")).body("name", hasItem("青屿镇"));
        int hubin = idOf("湖滨社区");
        asAdmin().get("/api/units/" + hubin).then().statusCode(200).body("parent", equalTo("澄湖街道"))
                .body("kind", equalTo("COMMUNITY")).body("aliases", hasItem("湖滨小区"));
    }

    @Test
    void crudWithHeadAndSpokespersons() {
        String spokes = Api.newUser("spokesperson");
        String head = Api.newUser("spokesperson");
        String name = unique("测试局");
        Map<String, Object> body = unit(name, "DEPARTMENT", null);
        body.put("head", head);
        body.put("spokespersons", List.of(spokes));
        body.put("aliases", List.of("测试"));
        int id = asAdmin().body(body).post("/api/units").then().statusCode(201)
                .body("head", equalTo(head)).body("spokespersons", equalTo(List.of(spokes))).extract().path("id");
        body.put("spokespersons", List.of());
        asAdmin().body(body).put("/api/units/" + id).then().statusCode(200).body("spokespersons", equalTo(List.of()));
        asAdmin().body(body).post("/api/units").then().statusCode(409);
        asAdmin().delete("/api/units/" + id).then().statusCode(204);
        asAdmin().get("/api/units/" + id).then().statusCode(404);
    }

    @Test
    void badInputNamesTheField() {
        asAdmin().body(unit("", "PLANET", null)).post("/api/units").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("kind"));
        asAdmin().body(unit(unique("社区"), "COMMUNITY", null)).post("/api/units").then().statusCode(400)
                .body("errors.field", hasItem("parentId"));
        asAdmin().body(unit(unique("社区"), "COMMUNITY", 999999)).post("/api/units").then().statusCode(400)
                .body("errors.field", hasItem("parentId"));
        Map<String, Object> body = unit(unique("局"), "DEPARTMENT", null);
        body.put("head", "nobody-" + unique("x"));
        asAdmin().body(body).post("/api/units").then().statusCode(400).body("errors.field", hasItem("head"));
        asAdmin().delete("/api/units/" + idOf("澄湖街道")).then().statusCode(409);
    }

    @Test
    void onlyAdministratorsChangeUnits() {
        String analyst = Api.newUser("analyst");
        as(analyst, "password-123").body(unit(unique("局"), "DEPARTMENT", null)).post("/api/units").then().statusCode(403);
        as(analyst, "password-123").get("/api/units").then().statusCode(200);
        String spokes = Api.newUser("spokesperson");
        as(spokes, "password-123").contentType("text/csv; charset=UTF-8").body("x").post("/api/units/import").then().statusCode(403);
        as(spokes, "password-123").accept("text/csv").get("/api/units.csv").then().statusCode(403);
    }

    @Test
    void csvRoundTripAndAllOrNothingImport() {
        String spokes = Api.newUser("spokesperson");
        String street = unique("街道");
        String community = unique("社区");
        String csv = "name,kind,parent,aliases,head,spokespersons\n"
                + community + ",COMMUNITY," + street + ",\"别名,一|别名二\",," + spokes + "\n"
                + street + ",STREET,海澄区,,,\n";
        asAdmin().contentType("text/csv; charset=UTF-8").body(csv).post("/api/units/import").then().statusCode(200)
                .body("created", equalTo(2)).body("updated", equalTo(0));
        int id = idOf(community);
        asAdmin().get("/api/units/" + id).then().body("parent", equalTo(street))
                .body("aliases", equalTo(List.of("别名,一", "别名二"))).body("spokespersons", equalTo(List.of(spokes)));
        String exported = asAdmin().accept("text/csv").get("/api/units.csv").then().statusCode(200)
                .body(containsString(community + ",COMMUNITY," + street + ",\"别名,一|别名二\",," + spokes)).extract().asString();
        assertThat(exported).startsWith("name,kind,parent,aliases,head,spokespersons\n");

        // the export imports again as updates only
        asAdmin().contentType("text/csv; charset=UTF-8").body(exported).post("/api/units/import").then().log().ifValidationFails().statusCode(200)
                .body("created", equalTo(0));

        String fresh = unique("社区");
        String bad = "name,kind,parent,aliases,head,spokespersons\n"
                + fresh + ",COMMUNITY,澄湖街道,,,\n"
                + unique("x") + ",PLANET,,,,\n"
                + unique("y") + ",COMMUNITY,无此街道,,,\n"
                + "too,few\n";
        asAdmin().contentType("text/csv; charset=UTF-8").body(bad).post("/api/units/import").then().statusCode(400)
                .body("errors.field", hasItem("line 3.kind")).body("errors.field", hasItem("line 4.parent"))
                .body("errors.field", hasItem("line 5.columns"));
        asAdmin().get("/api/units").then().body("name", org.hamcrest.Matchers.not(hasItem(fresh)));
        asAdmin().contentType("text/csv; charset=UTF-8").body("a,b\n").post("/api/units/import").then().statusCode(400)
                .body("errors.field", hasItem("line 1"));
    }
}
