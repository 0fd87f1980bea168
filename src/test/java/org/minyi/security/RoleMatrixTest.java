package org.minyi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;
import static org.minyi.Api.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.minyi.Api;
import org.minyi.web.Navigation;

/**
 * Walks the role matrix of {@code docs/security.md}: every operation of the OpenAPI document must have a row in
 * {@code src/test/resources/security/role-matrix.csv}, and every row is called as anonymous and as each role.
 * "deny" means exactly 403 for a signed-in role, and 401 (API) or a redirect to the login page (pages) for an
 * anonymous visitor; "ok" means anything but 401, 403 and 5xx.
 */
@QuarkusTest
class RoleMatrixTest {

    static final List<String> ROLES = List.of("anonymous", "admin", "analyst", "spokesperson", "propaganda", "emergency");
    static final String MATRIX = "/security/role-matrix.csv";
    static final String PW = "password-123";

    @TestHTTPResource("/")
    URL root;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One row: an operation, the concrete path to call (placeholders filled by the test) and what each role gets. */
    record Row(int line, String method, String path, String sample, Map<String, String> expected) {
        String key() {
            return method + " " + path;
        }
    }

    static List<Row> matrix() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = RoleMatrixTest.class.getResourceAsStream(MATRIX)) {
            assertThat(in).as(MATRIX).isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            boolean header = true;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (header) {
                    assertThat(List.of(f)).as("header of " + MATRIX)
                            .containsExactly("method", "path", "sample", "anonymous", "admin", "analyst", "spokesperson",
                                    "propaganda", "emergency");
                    header = false;
                    continue;
                }
                assertThat(f).as(MATRIX + " line " + (i + 1) + " needs 9 columns: " + line).hasSize(9);
                Map<String, String> expected = new LinkedHashMap<>();
                for (int r = 0; r < ROLES.size(); r++) {
                    String v = f[3 + r].strip();
                    assertThat(v).as(MATRIX + " line " + (i + 1) + ": " + ROLES.get(r) + " must be ok or deny").isIn("ok", "deny");
                    expected.put(ROLES.get(r), v);
                }
                String sample = f[2].strip().isEmpty() ? f[1].strip() : f[2].strip();
                rows.add(new Row(i + 1, f[0].strip().toUpperCase(), f[1].strip(), sample, expected));
            }
        }
        return rows;
    }

    /** Operations of the OpenAPI document, as "METHOD /path" with the request body's first media type. */
    Map<String, String> operations() throws Exception {
        String json = asAdmin().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        JsonNode paths = new ObjectMapper().readTree(json).path("paths");
        Map<String, String> ops = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> m = p.getValue().fields(); m.hasNext(); ) {
                Map.Entry<String, JsonNode> op = m.next();
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                JsonNode content = op.getValue().path("requestBody").path("content");
                String type = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                ops.put(method + " " + p.getKey(), type);
            }
        }
        return ops;
    }

    @Test
    void everyOperationHasARowAndEveryRowAnOperation() throws Exception {
        Map<String, String> ops = operations();
        Set<String> inMatrix = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (Row r : matrix()) {
            if (!inMatrix.add(r.key())) {
                duplicates.add(r.key());
            }
        }
        Set<String> missing = new TreeSet<>(ops.keySet());
        missing.removeAll(inMatrix);
        Set<String> stale = new TreeSet<>(inMatrix);
        stale.removeAll(ops.keySet());
        StringBuilder msg = new StringBuilder();
        if (!missing.isEmpty()) {
            msg.append("Operations without a row in src/test/resources").append(MATRIX)
                    .append(" (add these rows, fill the sample path's ids with a placeholder such as {case}, {topic} or {missing}, ")
                    .append("and set ok/deny per role; document them in docs/security.md):\n");
            for (String k : missing) {
                String[] mp = k.split(" ", 2);
                msg.append(mp[0]).append(',').append(mp[1]).append(",,deny,ok,?,?,?,?\n");
            }
        }
        if (!stale.isEmpty()) {
            msg.append("Rows for operations that no longer exist (remove them): ").append(stale).append('\n');
        }
        if (!duplicates.isEmpty()) {
            msg.append("Duplicate rows: ").append(duplicates).append('\n');
        }
        assertThat(msg.toString()).as("role matrix vs OpenAPI").isEmpty();
    }

    @Test
    void everyRoleGetsWhatTheMatrixSaysOnEveryOperation() throws Exception {
        Map<String, String> ops = operations();
        World w = World.create();
        List<String> failures = new ArrayList<>();
        int calls = 0;
        List<Row> rows = new ArrayList<>(matrix());
        // deletions last: they use ids that do not exist, but keep the order safe anyway
        rows.sort((a, b) -> Boolean.compare(a.method().equals("DELETE"), b.method().equals("DELETE")));
        for (Row row : rows) {
            String path = w.fill(row.sample());
            String type = ops.getOrDefault(row.key(), null);
            for (String role : List.of("anonymous", "propaganda", "emergency", "spokesperson", "analyst", "admin")) {
                Call c = call(row.method(), path, type, w.users.get(role));
                calls++;
                String expect = row.expected().get(role);
                boolean page = !row.path().startsWith("/api/");
                String problem = null;
                if (c.status >= 500) {
                    problem = "server error " + c.status;
                } else if (expect.equals("ok") && (c.status == 401 || c.status == 403 || (page && row.method().equals("GET") && isLoginRedirect(c)))) {
                    problem = "expected ok, got " + c.status + (c.location == null ? "" : " -> " + c.location);
                } else if (expect.equals("deny")) {
                    boolean denied = role.equals("anonymous") ? c.status == 401 || isLoginRedirect(c) : c.status == 403;
                    if (!denied) {
                        problem = "expected " + (role.equals("anonymous") ? "401 or redirect to /login" : "403") + ", got " + c.status;
                    }
                }
                if (problem != null) {
                    failures.add("line " + row.line() + " " + row.method() + " " + path + " as " + role + ": " + problem);
                }
            }
        }
        System.out.println("role matrix: " + rows.size() + " operations x " + ROLES.size() + " roles = " + calls + " calls, "
                + failures.size() + " failures");
        assertThat(failures).as("role matrix").isEmpty();
    }

    @Test
    void everyPageOfTheNavigationAnswersEachRoleAsItsLinkSays() throws Exception {
        World w = World.create();
        List<String> failures = new ArrayList<>();
        List<Navigation.Link> pages = new ArrayList<>(Navigation.LINKS);
        // detail pages: a topic is shown to everyone who sees the topic list
        Navigation.Link topics = pages.stream().filter(l -> l.id().equals("topics")).findFirst().orElseThrow();
        pages.add(new Navigation.Link("topic", "话题详情", "/topics/" + w.topicId, topics.roles()));
        // a report's view is shown to everyone who sees the report archive
        Navigation.Link reports = pages.stream().filter(l -> l.id().equals("reports")).findFirst().orElseThrow();
        pages.add(new Navigation.Link("report", "报告详情", "/reports/" + w.ids.get("missing"), reports.roles()));
        for (Navigation.Link link : pages) {
            for (String role : ROLES) {
                Call c = call("GET", link.href(), null, w.users.get(role));
                if ((c.status == 301 || c.status == 302) && c.location != null && !c.location.contains("/login")) {
                    c = call("GET", URI.create(c.location).getPath(), null, w.users.get(role)); // e.g. /q/swagger-ui -> /q/swagger-ui/
                }
                String problem = null;
                if (role.equals("anonymous")) {
                    if (!(isLoginRedirect(c) || c.status == 401)) {
                        problem = "expected a redirect to /login or 401, got " + c.status;
                    }
                } else if (link.roles().contains(role)) {
                    if (c.status != 200) {
                        problem = "expected 200, got " + c.status;
                    }
                } else if (c.status != 403) {
                    problem = "expected 403, got " + c.status;
                }
                if (problem != null) {
                    failures.add(link.href() + " as " + role + ": " + problem);
                }
            }
        }
        assertThat(failures).as("pages per role").isEmpty();
    }

    static boolean isLoginRedirect(Call c) {
        return (c.status == 302 || c.status == 303) && c.location != null && c.location.contains("/login");
    }

    record Call(int status, String location) {
    }

    /** One request; the body is not read beyond its headers (the live stream never ends). */
    Call call(String method, String path, String bodyType, User user) throws Exception {
        URI uri = URI.create(root.toString().replaceAll("/$", "") + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8)));
        }
        b.header("Accept", "application/json, text/html;q=0.9, */*;q=0.1");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            String type = bodyType == null ? "application/json" : bodyType;
            b.header("Content-Type", type);
            body = HttpRequest.BodyPublishers.ofString(type.contains("json") ? "{}" : "");
        }
        HttpRequest request = b.method(method, body).build();
        HttpResponse<InputStream> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            // a kept-alive connection the server had just closed (e.g. after the unread live stream): once more
            r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
        r.body().close();
        return new Call(r.statusCode(), r.headers().firstValue("Location").orElse(null));
    }

    record User(String name, String password) {
    }

    /** The users and objects the matrix acts on; placeholders of the sample paths name them. */
    static final class World {
        final Map<String, User> users = new HashMap<>();
        final Map<String, String> ids = new HashMap<>();
        long topicId;

        static World create() {
            World w = new World();
            w.users.put("anonymous", null);
            w.users.put("admin", new User("admin", Api.ADMIN_PASSWORD));
            for (String role : List.of("analyst", "spokesperson", "propaganda", "emergency")) {
                w.users.put(role, new User(Api.newUser(role), PW));
            }
            // the spokesperson answers for the unit of the matrix's case: acting on it is theirs
            Map<String, Object> unit = new HashMap<>();
            unit.put("name", unique("矩阵测试局"));
            unit.put("kind", "DEPARTMENT");
            unit.put("spokespersons", List.of(w.users.get("spokesperson").name()));
            int unitId = asAdmin().body(unit).post("/api/units").then().statusCode(201).extract().path("id");
            String source = unique("src");
            int sourceId = asAdmin().body(Map.of("name", source, "type", "API", "baseUrl", "https://example.org/"))
                    .post("/api/sources").then().statusCode(201).extract().path("id");
            int postId = asAdmin().body(Map.of("source", source, "url", "https://example.org/" + unique("p"), "title", "路灯坏了",
                    "content", "小区门口的路灯坏了一个月没人修，晚上很黑。")).post("/api/posts").then().statusCode(201)
                    .extract().path("id");
            Number topic = asAdmin().get("/api/posts/" + postId).then().statusCode(200).extract().path("topicId");
            w.topicId = topic == null ? 999_999_999L : topic.longValue();
            int caseId = asAdmin().body(Map.of("postId", postId, "unitId", unitId)).post("/api/cases").then().statusCode(201)
                    .extract().path("id");
            int userId = asAdmin().get("/api/users").then().statusCode(200).extract().jsonPath()
                    .getInt("find { it.username == '" + w.users.get("analyst").name() + "' }.id");
            List<Integer> rules = asAdmin().get("/api/routing/rules").then().statusCode(200).extract().jsonPath().getList("id");
            List<Integer> models = asAdmin().get("/api/nlp/models").then().statusCode(200).extract().jsonPath().getList("id");
            w.ids.put("case", String.valueOf(caseId));
            w.ids.put("post", String.valueOf(postId));
            w.ids.put("topic", String.valueOf(w.topicId));
            w.ids.put("unit", String.valueOf(unitId));
            w.ids.put("source", String.valueOf(sourceId));
            w.ids.put("user", String.valueOf(userId));
            w.ids.put("rule", rules.isEmpty() ? "999999999" : String.valueOf(rules.get(0)));
            w.ids.put("model", models == null || models.isEmpty() ? "999999999" : String.valueOf(models.get(0)));
            w.ids.put("missing", "999999999");
            return w;
        }

        String fill(String sample) {
            String s = sample;
            for (Map.Entry<String, String> e : ids.entrySet()) {
                s = s.replace("{" + e.getKey() + "}", e.getValue());
            }
            assertThat(s).as("unknown placeholder in sample path " + sample + " (known: " + ids.keySet() + ")")
                    .doesNotContain("{").doesNotContain("}");
            return s;
        }
    }
}
