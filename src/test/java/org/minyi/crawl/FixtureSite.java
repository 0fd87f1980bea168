package org.minyi.crawl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A small web site on 127.0.0.1 for crawler tests: pages can be added or changed while a test runs. */
final class FixtureSite implements AutoCloseable {

    record Page(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    FixtureSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Page page = pages.get(path);
            if (page == null) {
                page = new Page(404, "text/plain", "not found".getBytes());
            }
            String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(page.body())) + "\"";
            if (page.status() == 200 && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.getResponseHeaders().set("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            if (page.status() == 200) {
                exchange.getResponseHeaders().set("ETag", etag);
            }
            exchange.sendResponseHeaders(page.status(), page.body().length == 0 ? -1 : page.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page.body());
            }
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String path, String contentType, Charset charset, String text) {
        pages.put(path, new Page(200, contentType, text.getBytes(charset)));
    }

    void status(String path, int status) {
        pages.put(path, new Page(status, "text/plain", ("status " + status).getBytes()));
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
