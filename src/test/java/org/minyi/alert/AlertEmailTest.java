package org.minyi.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minyi.Api.asAdmin;
import static org.minyi.alert.AlertFixtures.cond;
import static org.minyi.alert.AlertFixtures.createRule;
import static org.minyi.alert.AlertFixtures.disable;
import static org.minyi.alert.AlertFixtures.post;
import static org.minyi.alert.AlertFixtures.rule;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minyi.Api;

/** E-mail alerts through quarkus-mailer to a real SMTP server started for this test (GreenMail). */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class AlertEmailTest {

    @InjectGreenMail
    com.icegreen.greenmail.util.GreenMail greenMail;

    @Test
    void theTestSmtpServerReceivesTheAlertWithItsChineseSubjectIntact() throws Exception {
        long channel = asAdmin().body(Map.of("name", Api.unique("邮件"), "kind", "EMAIL", "addresses", List.of("duty@minyi.test", "chief@minyi.test")))
                .post("/api/alert-channels").then().statusCode(201).extract().jsonPath().getLong("id");
        String source = Api.newSource();
        Map<String, Object> body = rule("黄", List.of(cond("type", "PHRASE", "phrases", List.of("泄漏")),
                cond("type", "SOURCE", "sources", List.of(source))));
        body.put("recipients", Map.of("channels", List.of(String.valueOf(channel))));
        long ruleId = createRule(body);
        try {
            String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
            post(source, "渔光村化工厂氯气泄漏" + payload, "渔光村化工厂发生氯气泄漏，<b>请</b>附近居民关好门窗。", Instant.now().minusSeconds(20));
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (greenMail.getReceivedMessages().length < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            boolean arrived = greenMail.getReceivedMessages().length >= 2;
            long alertId = ((Number) AlertFixtures.alertsOf(ruleId).get(0).get("id")).longValue();
            assertThat(arrived).as("port %d, %d received; deliveries: %s", greenMail.getSmtp().getPort(), greenMail.getReceivedMessages().length, AlertFixtures.detail(alertId).getList("deliveries")).isTrue();
            MimeMessage[] mails = greenMail.getReceivedMessages();
            assertThat(mails).hasSize(2);
            MimeMessage m = mails[0];
            assertThat(m.getSubject()).startsWith("【黄色预警（III级）】新预警 #").contains("：渔光村化工厂氯气泄漏");
            // on the wire the subject is RFC 2047 encoded, so no mail server mangles it
            assertThat(m.getHeader("Subject")[0]).containsIgnoringCase("=?UTF-8?");
            assertThat(Arrays.stream(mails).flatMap(x -> {
                try {
                    return Arrays.stream(x.getAllRecipients()).map(Object::toString);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).distinct().toList()).contains("duty@minyi.test", "chief@minyi.test");
            // multipart/alternative: a plain-text part and an HTML part in which the crawled title is escaped
            assertThat(m.getContentType()).startsWith("multipart/");
            jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) m.getContent();
            String text = null;
            String html = null;
            for (int i = 0; i < parts.getCount(); i++) {
                var part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = part.getContent().toString();
                } else if (part.isMimeType("text/html")) {
                    html = part.getContent().toString();
                }
            }
            assertThat(text).contains("规则：").contains("渔光村化工厂氯气泄漏" + payload).contains("/alerts?id=");
            assertThat(html).isNotNull().contains("渔光村化工厂氯气泄漏&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                    .doesNotContain("<script").doesNotContain("<img").contains("/alerts?id=");
            org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(html);
            assertThat(doc.select("script, img, iframe")).isEmpty();
            assertThat(doc.body().text()).contains("渔光村化工厂氯气泄漏" + payload);
            assertThat(doc.select("a").eachAttr("href")).allSatisfy(h -> assertThat(h).matches("https?://.*"));
        } finally {
            disable(ruleId);
        }
    }
}
