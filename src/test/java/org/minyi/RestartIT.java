package org.minyi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged service (target/quarkus-app) as a real process, stores a post, stops the process, starts it
 * again on the same database and reads the post back. With the default build the database is the H2 file under
 * {@code ./data} of the working directory; with {@code -Ppg} a fresh PostgreSQL database.
 */
class RestartIT {

    private static final String PASSWORD = "restart-it-pw";
    private Path workDir;
    private String dbUrl;
    private String pgDatabase;
    private ServiceProcess service;

    @BeforeEach
    void setUp() throws Exception {
        workDir = Files.createTempDirectory("minyi-restart");
        if ("postgresql".equals(System.getProperty("minyi.db.kind"))) {
            pgDatabase = "minyi_it_" + ProcessHandle.current().pid();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgDatabase);
                s.execute("CREATE DATABASE " + pgDatabase);
            }
            dbUrl = "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase;
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
        if (pgDatabase != null) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgDatabase);
            }
        }
    }

    @Test
    void postsSurviveARestart() throws Exception {
        start();
        assertThat(call("POST", "/api/sources", "{\"name\":\"重启测试\",\"type\":\"API\",\"baseUrl\":\"https://example.org/\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> created = call("POST", "/api/posts",
                "{\"source\":\"重启测试\",\"url\":\"https://example.org/r/1\",\"title\":\"重启之前\",\"content\":\"服务重启后这条帖子还在吗？\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = extract(created.body(), "\"id\":(\\d+)");
        stop();
        if (dbUrl == null) {
            assertThat(workDir.resolve("data")).isDirectory();
        }

        start();
        HttpResponse<String> read = call("GET", "/api/posts/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("服务重启后这条帖子还在吗？").contains("重启测试");
        HttpResponse<String> again = call("POST", "/api/posts",
                "{\"source\":\"重启测试\",\"url\":\"https://example.org/r/1\",\"content\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
    }

    private void start() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MINYI_DEMO_ENABLED", "false"));
        if (dbUrl != null) {
            env.put("MINYI_DB_URL", dbUrl);
        }
        service = new ServiceProcess(workDir, env, PASSWORD).start();
    }

    private void stop() throws InterruptedException {
        if (service != null) {
            service.stop();
        }
    }

    private HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        return service.call(method, path, json);
    }

    private static String extract(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        assertThat(m.find()).as("%s in %s", regex, body).isTrue();
        return m.group(1);
    }
}
