package org.minyi.alert.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.minyi.alert.AlertChannel;
import org.minyi.alert.AlertConfig;
import org.minyi.common.DistrictConfig;

/** Sends one message to one channel; any failure is an exception whose message is logged on the delivery. */
@ApplicationScoped
public class ChannelSender {

    @Inject
    AlertConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    Mailer mailer;

    @Inject
    DistrictConfig district;

    @Inject
    Clock clock;

    private HttpClient http;

    /** A channel as it was when the delivery was claimed. */
    public record Target(AlertChannel.Kind kind, String name, String url, String secret, String addresses) {
    }

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.webhookTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String send(Target t, AlertMessage m) throws IOException, InterruptedException {
        return switch (t.kind()) {
            case WEBHOOK -> post(t.url(), mapper.writeValueAsString(MessageFormats.json(mapper, m)), false);
            case DINGTALK -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("msgtype", "markdown");
                ObjectNode md = body.putObject("markdown");
                md.put("title", m.heading());
                md.put("text", MessageFormats.markdown(m, district.zone()));
                String url = DingTalkSigner.signedUrl(t.url(), clock.millis(), t.secret());
                yield post(url, mapper.writeValueAsString(body), true);
            }
            case WECOM -> {
                ObjectNode body = mapper.createObjectNode();
                body.put("msgtype", "markdown");
                body.putObject("markdown").put("content", MessageFormats.markdown(m, district.zone()));
                yield post(t.url(), mapper.writeValueAsString(body), true);
            }
            case EMAIL -> {
                String[] to = Arrays.stream(t.addresses() == null ? new String[0] : t.addresses().split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
                if (to.length == 0) {
                    throw new IOException("the channel has no addresses");
                }
                Mail mail = Mail.withText(to[0], MessageFormats.subject(m), MessageFormats.text(m, district.zone()));
                mail.setHtml(MessageFormats.html(m, district.zone()));
                for (int i = 1; i < to.length; i++) {
                    mail.addTo(to[i]);
                }
                try {
                    mailer.send(mail);
                } catch (RuntimeException e) {
                    throw new IOException("SMTP: " + e.getMessage(), e);
                }
                yield "mailed to " + to.length + " address(es)";
            }
        };
    }

    /** POSTs JSON; a robot answering 200 with a non-zero errcode has refused the message. */
    private String post(String url, String json, boolean robot) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(config.webhookTimeout())
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "minyi-alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = res.body() == null ? "" : res.body();
        String shortBody = body.length() > 300 ? body.substring(0, 300) : body;
        if (res.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + res.statusCode() + ": " + shortBody);
        }
        if (robot) {
            try {
                JsonNode node = mapper.readTree(body);
                if (node.has("errcode") && node.get("errcode").asInt() != 0) {
                    throw new IOException("errcode " + node.get("errcode").asInt() + ": " + node.path("errmsg").asText());
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException("answer is not JSON: " + shortBody);
            }
        }
        return "HTTP " + res.statusCode();
    }
}
