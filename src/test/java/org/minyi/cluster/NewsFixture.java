package org.minyi.cluster;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local news site on 127.0.0.1 for the process-level tests: {@code /news/list.html} links {@code n} articles
 * {@code /news/a/<i>.html}, each a realistic district news page. Counts the article fetches.
 */
final class NewsFixture implements AutoCloseable {

    private final HttpServer server;
    private final int articles;
    final AtomicInteger articleHits = new AtomicInteger();

    NewsFixture(int port, int articles) throws IOException {
        this.articles = articles;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = null;
            if (path.equals("/robots.txt")) {
                body = "User-agent: *\nAllow: /\n";
            } else if (path.equals("/news/list.html")) {
                StringBuilder sb = new StringBuilder("<html><head><title>本地新闻</title></head><body><ul class=\"list\">");
                for (int i = 1; i <= articles; i++) {
                    sb.append("<li><a href=\"a/").append(i).append(".html\">海澄区民生新闻第").append(i).append("号</a></li>");
                }
                body = sb.append("</ul></body></html>").toString();
            } else if (path.matches("/news/a/\\d+\\.html")) {
                articleHits.incrementAndGet();
                String i = path.replaceAll("\\D", "");
                body = "<html><head><title>民生新闻" + i + "_海澄新闻网</title></head><body>"
                        + "<div class=\"nav\"><a href=\"/news/list.html\">本地新闻</a></div>"
                        + "<h1>海澄区民生新闻第" + i + "号</h1><div class=\"info\">2026-11-20 09:" + String.format("%02d", Integer.parseInt(i) % 60)
                        + " 来源：海澄发布 作者：记者" + i + "</div><div class=\"article-content\"><p>本报讯 第" + i
                        + "号：澄湖街道第" + i + "社区今年完成老旧小区改造，加装电梯、修缮道路、增设停车位，居民出行更加方便。</p>"
                        + "<p>社区工作人员表示，将继续听取居民意见，把好事办好，让群众满意。编号" + i + "。</p></div>"
                        + "<div class=\"footer\">版权所有 海澄新闻网</div></body></html>";
            }
            byte[] bytes = body == null ? "not found".getBytes(StandardCharsets.UTF_8) : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", body == null ? "text/plain" : path.endsWith(".txt")
                    ? "text/plain; charset=utf-8" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int articles() {
        return articles;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
