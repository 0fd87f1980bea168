package org.minyi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.minyi.Api.asAdmin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/** The hourly aggregates equal a direct count of the posts, after ingestion, corrections and a rebuild. */
@QuarkusTest
class AggregatesTest {

    @Inject
    EntityManager em;

    @Inject
    StatAggregator aggregator;

    static final Instant START = Instant.parse("2024-03-04T00:00:00Z");

    @Test
    void aggregatesEqualADirectCountAndTheDashboardLinksReachThePostsBehindEachFigure() {
        String a = Api.newSource();
        String b = Api.newSource();
        List<Long> ids = DataSet.ingest(a, START, 72, 120, 1);
        ids.addAll(DataSet.ingest(b, START, 72, 80, 2));
        // corrections move a post between rows
        asAdmin().body(Map.of("label", "positive")).put("/api/posts/" + ids.get(0) + "/sentiment").then().statusCode(200);
        asAdmin().body(Map.of("label", "negative")).put("/api/posts/" + ids.get(1) + "/sentiment").then().statusCode(200);
        asAdmin().body(Map.of("categories", List.of("交通出行"))).put("/api/posts/" + ids.get(2) + "/categories").then().statusCode(200);

        // engagement that grows later (a known post sent again with more replies and views) moves with it
        asAdmin().body(Map.of("source", a, "url", "https://example.org/ds/1/3", "content", "again", "replyCount", 999, "viewCount", 99999))
                .post("/api/posts").then().statusCode(200);

        Map<String, long[]> table = table();
        Map<String, long[]> direct = direct();
        assertThat(table.keySet()).isEqualTo(direct.keySet());
        direct.forEach((k, v) -> assertThat(table.get(k)).as(k).containsExactly(v));
        assertThat(totalTable()).isEqualTo(totalsFrom(direct));

        // the dashboard's figures and the posts their links lead to
        String q = "from=2024-03-04T00:00:00Z&to=2024-03-07T00:00:00Z&zone=UTC";
        JsonPath summary = asAdmin().get("/api/dashboard/summary?" + q).then().statusCode(200).extract().jsonPath();
        long posts = summary.getLong("totals.posts");
        assertThat(posts).isEqualTo(200);
        assertThat(total(summary.getString("totals.link"))).isEqualTo(posts);
        assertThat(total(summary.getString("totals.negativeLink"))).isEqualTo(summary.getLong("totals.negative"));
        JsonPath breakdown = asAdmin().get("/api/dashboard/breakdown?" + q).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> categories = breakdown.getList("categories");
        assertThat(categories).hasSizeGreaterThan(3);
        for (Map<String, Object> c : categories) {
            assertThat(total((String) c.get("link"))).as("category " + c.get("name")).isEqualTo(((Number) c.get("posts")).longValue());
        }
        for (Map<String, Object> s : breakdown.<Map<String, Object>>getList("sources")) {
            assertThat(total((String) s.get("link"))).as("source " + s.get("name")).isEqualTo(((Number) s.get("posts")).longValue());
        }
        JsonPath volume = asAdmin().get("/api/dashboard/volume?" + q).then().statusCode(200).extract().jsonPath();
        assertThat(volume.getString("bucket")).isEqualTo("hour");
        assertThat(volume.getList("points")).hasSize(72);
        assertThat(volume.getList("points.posts", Number.class).stream().mapToLong(Number::longValue).sum()).isEqualTo(200);
        JsonPath daily = asAdmin().get("/api/dashboard/volume?from=2024-03-01&to=2024-03-10&zone=Asia/Shanghai").then().statusCode(200).extract().jsonPath();
        assertThat(daily.getString("bucket")).isEqualTo("day");
        assertThat(daily.getList("points")).hasSize(10);
        assertThat(daily.getList("points.posts", Number.class).stream().mapToLong(Number::longValue).sum()).isEqualTo(200);
        // a category filter reads the detailed table: its total matches the category's slice
        String cat = (String) categories.get(0).get("name");
        JsonPath filtered = asAdmin().queryParam("category", cat).get("/api/dashboard/summary?" + q).then().statusCode(200).extract().jsonPath();
        assertThat(filtered.getLong("totals.posts")).isEqualTo(((Number) categories.get(0).get("posts")).longValue());
        // the jurisdiction tree: a street holds its communities
        JsonPath tree = asAdmin().get("/api/dashboard/jurisdiction?" + q).then().statusCode(200).extract().jsonPath();
        long placed = tree.getList("tree.posts", Number.class).stream().mapToLong(Number::longValue).sum();
        assertThat(placed + tree.getLong("unplaced") + tree.getLong("outside")).isEqualTo(200);
        assertThat(total(tree.getString("unplacedLink"))).isEqualTo(tree.getLong("unplaced"));

        for (Map<String, Object> street : tree.<Map<String, Object>>getList("tree[0].children")) {
            long byPlace = asAdmin().queryParam("place", street.get("name")).get("/api/dashboard/summary?" + q).then().statusCode(200)
                    .extract().jsonPath().getLong("totals.posts");
            assertThat(byPlace).as("place " + street.get("name")).isEqualTo(((Number) street.get("posts")).longValue());
        }
        // a period not aligned to UTC days: whole days from stat_day, the ends from stat_hour, same sums
        String local = "from=2024-03-04&to=2024-03-06&zone=Asia/Shanghai";
        long localTotal = asAdmin().get("/api/dashboard/summary?" + local).then().statusCode(200).extract().jsonPath().getLong("totals.posts");
        long byCategories = asAdmin().get("/api/dashboard/breakdown?" + local).then().statusCode(200).extract().jsonPath()
                .getList("categories.posts", Number.class).stream().mapToLong(Number::longValue).sum();
        long byVolume = asAdmin().get("/api/dashboard/volume?" + local).then().statusCode(200).extract().jsonPath()
                .getList("points.posts", Number.class).stream().mapToLong(Number::longValue).sum();
        assertThat(localTotal).isGreaterThan(100).isLessThan(200).isEqualTo(byCategories).isEqualTo(byVolume);
        long byCategoryFilter = categories.stream().mapToLong(c -> asAdmin().queryParam("category", c.get("name"))
                .get("/api/dashboard/summary?" + local).then().statusCode(200).extract().jsonPath().getLong("totals.posts")).sum();
        assertThat(byCategoryFilter).isEqualTo(localTotal);

        // a rebuild from the posts gives the same table
        aggregator.rebuild();
        assertThat(table()).usingRecursiveComparison().isEqualTo(table);
        assertThat(days()).isEqualTo(daysFrom(direct));
        assertThat(aggregator.rebuildStatus().state()).isEqualTo("DONE");
    }

    @Test
    void badPeriodsAreRefusedNamingTheField() {
        asAdmin().get("/api/dashboard/summary?from=2024-03-05&to=2024-03-01").then().statusCode(400).body("errors[0].field", equalTo("to"));
        asAdmin().get("/api/dashboard/volume?from=2022-01-01&to=2024-03-01").then().statusCode(400).body("errors[0].field", equalTo("to"));
        asAdmin().get("/api/dashboard/topics?zone=Mars/Olympus").then().statusCode(400).body("errors[0].field", equalTo("zone"));
        asAdmin().get("/api/dashboard/summary?from=yesterday").then().statusCode(400).body("errors[0].field", equalTo("from"));
        asAdmin().get("/api/dashboard/units?unit=no-such-unit").then().statusCode(400).body("errors[0].field", equalTo("unit"));
        Api.as(Api.newUser("spokesperson"), "password-123").get("/api/dashboard/summary").then().statusCode(403);
        Api.as(Api.newUser("propaganda"), "password-123").get("/api/dashboard/summary").then().statusCode(200);
        Api.as(Api.newUser("propaganda"), "password-123").post("/api/dashboard/aggregates/rebuild").then().statusCode(403);
    }

    private static long total(String link) {
        String query = link.substring(link.indexOf('?') + 1);
        var req = asAdmin().urlEncodingEnabled(false);
        return req.get("/api/posts?size=1&" + query).then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private Map<String, long[]> table() {
        Map<String, long[]> out = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT hour_start, category, place, source_id, posts, negative, neutral, positive,"
                + " replies, views FROM stat_hour").getResultList()) {
            Object[] r = (Object[]) row;
            long[] v = new long[6];
            for (int i = 0; i < 6; i++) {
                v[i] = ((Number) r[4 + i]).longValue();
            }
            if (v[0] != 0) {
                out.put(DashboardService.instant(r[0]) + "|" + r[1] + "|" + r[2] + "|" + ((Number) r[3]).longValue(), v);
            }
        }
        return out;
    }

    private Map<String, long[]> direct() {
        Map<String, long[]> out = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT published_at, source_id, sentiment_label, categories, places,"
                + " reply_count, view_count FROM post").getResultList()) {
            Object[] r = (Object[]) row;
            StatKey k = StatAggregator.keyOf(DashboardService.instant(r[0]), ((Number) r[1]).longValue(), (String) r[3], (String) r[4]);
            long[] v = out.computeIfAbsent(k.hour() + "|" + k.category() + "|" + k.place() + "|" + k.sourceId(), x -> new long[6]);
            v[0]++;
            String s = (String) r[2];
            v["negative".equals(s) ? 1 : "positive".equals(s) ? 3 : 2]++;
            v[4] += ((Number) r[5]).longValue();
            v[5] += ((Number) r[6]).longValue();
        }
        return out;
    }

    private Map<String, List<Long>> days() {
        Map<String, List<Long>> out = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT day_start, category, place, source_id, posts, negative, neutral, positive,"
                + " replies, views FROM stat_day").getResultList()) {
            Object[] r = (Object[]) row;
            if (((Number) r[4]).longValue() != 0) {
                out.put(DashboardService.instant(r[0]) + "|" + r[1] + "|" + r[2] + "|" + ((Number) r[3]).longValue(),
                        java.util.Arrays.stream(r, 4, 10).map(x -> ((Number) x).longValue()).toList());
            }
        }
        return out;
    }

    private static Map<String, List<Long>> daysFrom(Map<String, long[]> direct) {
        Map<String, long[]> sums = new TreeMap<>();
        direct.forEach((k, v) -> {
            int bar = k.indexOf('|');
            String day = Instant.parse(k.substring(0, bar)).truncatedTo(java.time.temporal.ChronoUnit.DAYS) + k.substring(bar);
            long[] s = sums.computeIfAbsent(day, x -> new long[6]);
            for (int i = 0; i < 6; i++) {
                s[i] += v[i];
            }
        });
        Map<String, List<Long>> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return out;
    }

    private Map<Instant, List<Long>> totalTable() {
        Map<Instant, List<Long>> out = new TreeMap<>();
        for (Object row : em.createNativeQuery("SELECT hour_start, posts, negative, neutral, positive, replies, views FROM stat_hour_total")
                .getResultList()) {
            Object[] r = (Object[]) row;
            if (((Number) r[1]).longValue() != 0) {
                out.put(DashboardService.instant(r[0]), java.util.Arrays.stream(r, 1, 7).map(x -> ((Number) x).longValue()).toList());
            }
        }
        return out;
    }

    private static Map<Instant, List<Long>> totalsFrom(Map<String, long[]> direct) {
        Map<Instant, long[]> sums = new HashMap<>();
        direct.forEach((k, v) -> {
            long[] s = sums.computeIfAbsent(Instant.parse(k.substring(0, k.indexOf('|'))), x -> new long[6]);
            for (int i = 0; i < 6; i++) {
                s[i] += v[i];
            }
        });
        Map<Instant, List<Long>> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, java.util.Arrays.stream(v).boxed().toList()));
        return out;
    }

}
