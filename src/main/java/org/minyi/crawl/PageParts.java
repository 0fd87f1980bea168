package org.minyi.crawl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.Selector;

/** Reading parts of a crawled page: text with its line breaks, numbers, next-page and article links. */
final class PageParts {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "section", "article", "dd", "dt");
    private static final Set<String> NEXT_TEXTS = Set.of("下一页", "下页", "后一页", "下一頁", "next", "next page", "›", "»", ">", ">>");
    private static final Pattern NUMBER = Pattern.compile("(\\d[\\d,]*)");

    private PageParts() {
    }

    /** Elements matching a CSS selector, or none when the selector is missing or does not parse. */
    static Elements select(Element root, String css) {
        if (css == null || css.isBlank() || root == null) {
            return new Elements();
        }
        try {
            return root.select(css);
        } catch (Selector.SelectorParseException e) {
            return new Elements();
        }
    }

    static Optional<Element> first(Element root, String css) {
        Elements found = select(root, css);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.first());
    }

    /** The text of an element with a line break between blocks; scripts, styles and quotes of other posts dropped. */
    static String blockText(Element element) {
        if (element == null) {
            return "";
        }
        Element copy = element.clone();
        copy.select("script, style, noscript, .quote, blockquote.quote, .pstatus, .tip, .attach_nopermission").remove();
        StringBuilder sb = new StringBuilder();
        copy.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    sb.append(t.text());
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName()) && sb.length() > 0) {
                    sb.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    sb.append('\n');
                }
            }
        });
        List<String> lines = new ArrayList<>();
        for (String line : sb.toString().split("\n")) {
            String l = line.replace('\u00A0', ' ').strip();
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return String.join("\n", lines);
    }

    /** The first whole number in a text ("1,234 回复" → 1234), or null. */
    static Integer number(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return null;
        }
        try {
            long v = Long.parseLong(m.group(1).replace(",", ""));
            return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The href of the next-page link: the source's selector, else rel=next, else a link reading 下一页 or similar. */
    static Optional<String> nextPage(Element doc, String selector) {
        Optional<Element> bySelector = first(doc, selector);
        if (bySelector.isPresent()) {
            return Optional.of(bySelector.get().attr("href"));
        }
        Element rel = doc.selectFirst("a[rel=next][href], link[rel=next][href]");
        if (rel != null) {
            return Optional.of(rel.attr("href"));
        }
        for (Element a : doc.select("a[href]")) {
            String text = a.text().strip().toLowerCase();
            if (NEXT_TEXTS.contains(text)) {
                return Optional.of(a.attr("href"));
            }
        }
        return Optional.empty();
    }

    /**
     * Candidate article links of a list page when no selector is set: anchors inside the page body whose text reads
     * like a headline (at least six characters, not a navigation word) and whose URL looks like an article.
     */
    static Map<String, String> headlineLinks(Element doc) {
        Map<String, String> links = new LinkedHashMap<>();
        Element body = doc.selectFirst("body");
        if (body == null) {
            return links;
        }
        for (Element a : body.select("a[href]")) {
            if (a.closest("nav, header, footer, .nav, .footer, .header, #nav, #footer, .pg, .pagination, .pages") != null) {
                continue;
            }
            String text = a.text().strip();
            String href = a.attr("href");
            if (text.length() < 6 || NEXT_TEXTS.contains(text.toLowerCase()) || href.startsWith("#")) {
                continue;
            }
            boolean articleLike = href.matches(".*\\d.*") || href.matches(".*\\.(s?html?|php|aspx?|jsp)(\\?.*)?$");
            if (articleLike) {
                links.putIfAbsent(href, text);
            }
        }
        return links;
    }
}
