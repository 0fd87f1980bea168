package org.minyi.alert.channel;

import org.minyi.security.SafeText;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The payloads of each channel. Crawled text is never trusted: JSON is written by Jackson; in markdown (DingTalk,
 * WeCom) the characters that make links, emphasis, headings or HTML tags are replaced by their full-width forms;
 * e-mails carry a plain-text part and an HTML part in which every crawled text is escaped
 * ({@link SafeText#html}) and only http/https URLs become links ({@link SafeText#httpUrl}).
 */
public final class MessageFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private MessageFormats() {
    }

    /** The generic webhook body. */
    public static ObjectNode json(ObjectMapper mapper, AlertMessage m) {
        ObjectNode root = mapper.createObjectNode();
        root.put("event", m.event());
        ObjectNode a = root.putObject("alert");
        a.put("id", m.alertId());
        a.put("level", m.level());
        a.put("levelLabel", m.levelLabel());
        a.put("rule", m.rule());
        a.put("title", m.title());
        a.put("reason", m.reason());
        if (m.topicId() != null) {
            a.put("topicId", m.topicId());
        } else {
            a.putNull("topicId");
        }
        a.put("evidenceCount", m.evidenceCount());
        a.put("status", m.status());
        a.put("holder", m.holder());
        a.put("firstFiredAt", String.valueOf(m.firstFiredAt()));
        a.put("lastFiredAt", String.valueOf(m.lastFiredAt()));
        a.put("link", SafeText.httpUrl(m.link()));
        ArrayNode ev = root.putArray("evidence");
        for (AlertMessage.Evidence e : m.evidence()) {
            ObjectNode p = ev.addObject();
            p.put("postId", e.postId());
            p.put("title", e.title());
            p.put("url", SafeText.httpUrl(e.url())); // a javascript: or data: link is never passed on
            p.put("source", e.source());
            p.put("publishedAt", String.valueOf(e.publishedAt()));
            p.put("sentiment", e.sentiment());
        }
        root.put("sentAt", String.valueOf(m.sentAt()));
        return root;
    }

    /** The markdown text shared by DingTalk and WeCom. */
    public static String markdown(AlertMessage m, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(md(m.heading())).append("\n\n");
        b.append("**规则**：").append(md(m.rule())).append("\n\n");
        b.append("**对象**：").append(md(m.title())).append("\n\n");
        if (m.reason() != null) {
            b.append("**原因**：").append(md(m.reason())).append("\n\n");
        }
        b.append("**证据**：").append(m.evidenceCount()).append(" 条，首次 ").append(TIME.format(m.firstFiredAt().atZone(zone)))
                .append("\n\n");
        for (AlertMessage.Evidence e : m.evidence()) {
            String title = md(e.title() == null || e.title().isBlank() ? "帖子 " + e.postId() : e.title());
            b.append("- ");
            if (safeUrl(e.url())) {
                b.append('[').append(title).append("](").append(urlInMarkdown(e.url())).append(')');
            } else {
                b.append(title);
            }
            b.append("（").append(md(e.source())).append("，").append(TIME.format(e.publishedAt().atZone(zone))).append("）\n");
        }
        if (safeUrl(m.link())) {
            b.append("\n[在预警台处理](").append(urlInMarkdown(m.link())).append(")\n");
        }
        return b.toString();
    }

    /** The e-mail subject: 【红色预警（I级）】新预警 #12：title. */
    public static String subject(AlertMessage m) {
        String t = oneLine(m.title());
        return m.heading() + "：" + (t.length() > 80 ? t.substring(0, 80) + "…" : t);
    }

    /** The e-mail body, plain text. */
    public static String text(AlertMessage m, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(m.heading()).append("\n\n");
        b.append("规则：").append(oneLine(m.rule())).append('\n');
        b.append("对象：").append(oneLine(m.title())).append('\n');
        if (m.reason() != null) {
            b.append("原因：").append(oneLine(m.reason())).append('\n');
        }
        b.append("证据：").append(m.evidenceCount()).append(" 条，首次 ").append(TIME.format(m.firstFiredAt().atZone(zone))).append("\n\n");
        for (AlertMessage.Evidence e : m.evidence()) {
            b.append("- ").append(oneLine(e.title())).append("（").append(oneLine(e.source())).append("，")
                    .append(TIME.format(e.publishedAt().atZone(zone))).append("）\n  ").append(oneLine(e.url())).append('\n');
        }
        b.append("\n在预警台处理：").append(m.link()).append('\n');
        return b.toString();
    }

    /** The e-mail body as HTML: every text escaped, links only for http/https URLs, no scripts, styles or images. */
    public static String html(AlertMessage m, ZoneId zone) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"UTF-8\"></head><body>");
        b.append("<h3>").append(SafeText.html(m.heading())).append("</h3>");
        b.append("<p>规则：").append(SafeText.html(oneLine(m.rule()))).append("<br>");
        b.append("对象：").append(SafeText.html(oneLine(m.title()))).append("<br>");
        if (m.reason() != null) {
            b.append("原因：").append(SafeText.html(oneLine(m.reason()))).append("<br>");
        }
        b.append("证据：").append(m.evidenceCount()).append(" 条，首次 ").append(SafeText.html(TIME.format(m.firstFiredAt().atZone(zone))))
                .append("</p><ul>");
        for (AlertMessage.Evidence e : m.evidence()) {
            String title = SafeText.html(oneLine(e.title() == null || e.title().isBlank() ? "帖子 " + e.postId() : e.title()));
            String url = SafeText.httpUrl(e.url());
            b.append("<li>");
            if (url != null) {
                b.append("<a href=\"").append(SafeText.html(url)).append("\" rel=\"noopener noreferrer nofollow\">").append(title).append("</a>");
            } else {
                b.append(title);
                if (e.url() != null && !e.url().isBlank()) {
                    b.append(" <span>").append(SafeText.html(oneLine(e.url()))).append("</span>");
                }
            }
            b.append("（").append(SafeText.html(oneLine(e.source()))).append("，").append(SafeText.html(TIME.format(e.publishedAt().atZone(zone))))
                    .append("）</li>");
        }
        b.append("</ul>");
        String link = SafeText.httpUrl(m.link());
        if (link != null) {
            b.append("<p><a href=\"").append(SafeText.html(link)).append("\">在预警台处理</a></p>");
        }
        return b.append("</body></html>").toString();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").trim();
    }

    /** Untrusted text for markdown: one line, no markup. */
    static String md(String s) {
        String t = oneLine(s);
        StringBuilder b = new StringBuilder(t.length());
        for (char c : t.toCharArray()) {
            switch (c) {
                case '[' -> b.append('［');
                case ']' -> b.append('］');
                case '(' -> b.append('（');
                case ')' -> b.append('）');
                case '*' -> b.append('＊');
                case '_' -> b.append('＿');
                case '#' -> b.append('＃');
                case '>' -> b.append('＞');
                case '<' -> b.append('＜');
                case '`' -> b.append('｀');
                case '!' -> b.append('！');
                case '|' -> b.append('｜');
                case '~' -> b.append('～');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static boolean safeUrl(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) && url.length() < 2048
                && url.chars().noneMatch(c -> c <= ' ');
    }

    static String urlInMarkdown(String url) {
        return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E");
    }
}
