package org.minyi.crawl.extract;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Main-text, title, author and published-time extraction for Chinese news, blog and forum pages.
 *
 * <p>The page is cut into text blocks (at block-level tags and {@code <br>}). Each block gets a value: positive
 * for prose (low link density, Chinese punctuation), negative for navigation (link lists) and short unpunctuated
 * labels. The element whose subtree has the largest sum of block values (a maximum-subtree search, in the spirit
 * of text-density extractors such as GNE and Body Text Extraction) is taken as the article body, and its prose
 * blocks are returned as lines. Known forum markups (Discuz!, Tieba, phpwind) yield the first post only.
 *
 * <p>Never throws: binary, truncated or malformed input gives a best-effort or empty result. Work is capped on
 * enormous pages.
 */
public final class ArticleExtractor {

    /** Characters of HTML considered at most. */
    public static final int MAX_HTML_CHARS = 3_000_000;
    private static final int MAX_BLOCKS = 50_000;
    private static final int MAX_ANCESTOR_WALK = 400;

    private static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "blockquote", "body",
            "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
            "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "menu",
            "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
            "summary", "caption", "legend", "text");
    private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "iframe", "frame", "frameset",
            "object", "embed", "applet", "svg", "canvas", "link", "meta", "input", "select", "option", "textarea",
            "button", "head", "template", "audio", "video", "map", "area", "marquee");
    private static final Set<String> STRUCTURAL_BOILERPLATE = Set.of("nav", "footer", "aside");

    private static final Pattern NEGATIVE = Pattern.compile(
            "comment|reply|respond|footer|foot|sidebar|side-bar|sidebox|widget|nav|menu|breadcrumb|crumb|share"
                    + "|recommend|related|relate|hot-?news|hotlist|rank|copyright|login|register|banner|advert"
                    + "|\\bad\\b|ads|sponsor|popup|tags?-?list|pagination|pager|toolbar|social|subscribe|friendlink"
                    + "|links|topbar|header|masthead|评论|推荐|相关",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POSITIVE = Pattern.compile(
            "article|content|entry|main|post|text|body|story|detail|正文|内容|artibody|news_?txt|blog|message|t_f",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN_STYLE = Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*hidden",
            Pattern.CASE_INSENSITIVE);

    private static final String PUNCT = "，。！？；：、“”‘’（）《》…—,.!?;:";
    private static final String CJK_PUNCT = "，。！？；：、“”‘’《》…";

    private static final Pattern TITLE_SPLIT = Pattern.compile(
            "\\s*(?:[_|｜]|\\s[-–—]+\\s|--+|——|\\s?»\\s?|::|\\s·\\s)\\s*");

    private static final String NAME = "([\\p{IsHan}A-Za-z][\\p{IsHan}A-Za-z0-9_·•&.\\-]{0,24})";
    private static final String SEP = "(?:\\s*[:：/／|｜]\\s*|[\\s\\u3000]+)";
    /** Explicit author labels. */
    private static final Pattern AUTHOR_LABEL = Pattern.compile(
            "(?:(?:作\\s*者|撰\\s*文|撰\\s*稿|执\\s*笔|发\\s*表\\s*者|发\\s*帖\\s*人|发\\s*布\\s*者|楼\\s*主|博\\s*主"
                    + "|(?i:\\bposted\\s+by|\\bwritten\\s+by|\\bauthor\\b))" + SEP
                    + "|(?<![\\p{IsHan}])文\\s*[/／|｜:：]\\s*)" + NAME);
    /** Reporters and "by". */
    private static final Pattern AUTHOR_REPORTER = Pattern.compile(
            "(?:(?:记\\s*者|通讯员|发布机构|发文机关|发布单位|(?<!(?i:powered)\\s)(?i:\\bby\\b))" + SEP
                    + "|(?:本报|本台|本刊|本网|特约|实习|首席|[（(□])\\s*记者\\s*)" + NAME
                    + "|[（(]\\s*(\\p{IsHan}{2,4})\\s+\\p{IsHan}{2,4}报道\\s*[)）]"
                    + "|\\d{1,2}:\\d{2}(?::\\d{2})?\\s*[\\[【]\\s*(\\p{IsHan}{2,4})\\s*[\\]】]");
    /** Parenthesised names closing an article: （常书香 马丹阳） */
    private static final Pattern AUTHOR_CLOSING = Pattern.compile(
            "[（(]\\s*(\\p{IsHan}{2,4})(?:[\\s、,，]+\\p{IsHan}{2,4}){0,4}\\s*[)）]\\s*$");
    private static final Pattern AUTHOR_BEFORE_DATE = Pattern.compile(
            NAME + "\\s*(?:发表于|发布于|发表在|写于|posted\\s*@|posted\\s+on|@)\\s*[:：]?\\s*(?:19|20)\\d{2}");
    private static final Pattern AUTHOR_EDITOR = Pattern.compile(
            "(?:责任编辑|责编|编\\s*辑|编\\s*审)" + SEP + NAME);
    private static final Pattern AUTHOR_SOURCE = Pattern.compile("(?:来\\s*源|出\\s*处|稿\\s*源)\\s*[:：/／]\\s*" + NAME);
    private static final Pattern NAME_STOP = Pattern.compile(
            "(?:发布|发表|发自|报道|时间|日期|来源|编辑|责编|更新|浏览|阅读|点击|评论|字号|分享|原创|楼主|记者|摄影|通讯员|写于|\\d{4}|\\(|（|\\.\\.).*$");
    private static final Set<String> BAD_NAMES = Set.of("本站", "本网", "佚名", "未知", "admin", "管理员", "匿名",
            "网友", "互联网", "网络", "by", "the", "and", "来源", "查看", "发表", "回复", "编辑", "unknown", "null");

    private static final Pattern BOILERPLATE_LINE = Pattern.compile(
            "^(?:【?(?:责任编辑|责编|编辑|来源|作者|记者|打印|关闭|关闭窗口|返回|返回顶部|分享到|分享|字号|推荐|收藏|上一篇|下一篇|相关|点击"
                    + "|原标题|声明|免责声明|版权|Copyright|copyright|©|本文链接|转载)|.*(?:版权所有|All Rights Reserved|ICP备|ICP证)).*",
            Pattern.CASE_INSENSITIVE);

    private static final String[] META_TIME_KEYS = {"article:published_time", "og:article:published_time",
        "published_time", "article:published", "datepublished", "pubdate", "publishdate", "publish_date",
        "publish-date", "publishtime", "publish_time", "ptime", "dc.date.issued", "dc.date", "og:release_date",
        "sailthru.date", "article.published", "date", "og:time", "weibo:article:create_at", "article:modified_time",
        "datemodified"};
    private static final String[] META_AUTHOR_KEYS = {"author", "article:author", "og:article:author",
        "dc.creator", "byl", "sailthru.author", "weibo:article:author"};

    private static final boolean DEBUG = Boolean.getBoolean("minyi.extract.debug");
    private final ChineseDateParser dates;

    public ArticleExtractor() {
        this(new ChineseDateParser());
    }

    public ArticleExtractor(ChineseDateParser dates) {
        this.dates = dates == null ? new ChineseDateParser() : dates;
    }

    /** Extracts title, author, published time and main text. Never throws. */
    public ExtractedPage extract(String html, String url) {
        try {
            return doExtract(html, url);
        } catch (RuntimeException | StackOverflowError e) {
            return ExtractedPage.empty();
        }
    }

    // ------------------------------------------------------------------ internals

    /** One text block: a run of text between block boundaries. */
    static final class Block {
        final Element owner;
        final StringBuilder raw = new StringBuilder();
        int chars;
        int linkChars;
        int punct;
        int cjkPunct;
        String text;
        double value;

        Block(Element owner) {
            this.owner = owner;
        }

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }
    }

    private ExtractedPage doExtract(String html, String url) {
        if (html == null || html.isBlank() || looksBinary(html)) {
            return ExtractedPage.empty();
        }
        if (html.length() > MAX_HTML_CHARS) {
            html = html.substring(0, MAX_HTML_CHARS);
        }
        Document doc = Jsoup.parse(html, url == null ? "" : url);
        Map<String, String> meta = metaTags(doc);
        String title = extractTitle(doc, meta);
        ChineseDateParser.ParsedDate metaDate = metaTime(doc, meta);
        OffsetDateTime metaTime = metaDate == null ? null : metaDate.dateTime();
        String metaAuthor = metaAuthor(meta);

        Element body = doc.body();
        if (body == null) {
            return new ExtractedPage(title, metaAuthor, metaTime, "");
        }
        Element firstPost = forumFirstPost(body);
        clean(body);
        List<Block> blocks = segment(body);
        if (blocks.isEmpty()) {
            return new ExtractedPage(title, metaAuthor, metaTime, "");
        }
        IdentityHashMap<Element, int[]> ranges = new IdentityHashMap<>();
        Element best = null;
        if (firstPost != null && firstPost.ownerDocument() != null) {
            best = firstPost;
        }
        IdentityHashMap<Element, Double> scores = score(blocks, ranges);
        if (best == null || !ranges.containsKey(best)) {
            best = bestElement(body, scores);
        }
        int[] range = ranges.get(best);
        if (DEBUG) {
            System.err.println("best=" + best.cssSelector() + " score=" + scores.get(best) + " range="
                    + (range == null ? null : range[0] + ".." + range[1]) + " blocks=" + blocks.size());
        }
        List<Integer> contentIdx = new ArrayList<>();
        if (range != null) {
            for (int i = range[0]; i <= range[1]; i++) {
                if (keepInContent(blocks.get(i))) {
                    contentIdx.add(i);
                }
            }
            trimEdges(blocks, contentIdx);
        }
        StringBuilder content = new StringBuilder();
        for (int i : contentIdx) {
            if (content.length() > 0) {
                content.append('\n');
            }
            content.append(blocks.get(i).text);
        }
        int cs = contentIdx.isEmpty() ? (range == null ? 0 : range[0]) : contentIdx.get(0);
        int ce = contentIdx.isEmpty() ? (range == null ? 0 : range[1]) : contentIdx.get(contentIdx.size() - 1);
        int titleIdx = titleBlock(blocks, title, cs);

        OffsetDateTime published = metaTime;
        if (published == null) {
            published = textTime(blocks, titleIdx, cs, ce, false);
        } else if (!metaDate.hasTime()) {
            // a visible byline date is usually more precise (and more often right) than a date-only meta tag
            OffsetDateTime byline = textTime(blocks, titleIdx, cs, ce, true);
            if (byline != null) {
                published = byline;
            }
        }
        String author = metaAuthor != null ? metaAuthor : textAuthor(blocks, titleIdx, cs, ce, body);
        return new ExtractedPage(title, author, published, content.toString());
    }

    static boolean looksBinary(String s) {
        int n = Math.min(s.length(), 8192);
        int bad = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == '\uFFFD') {
                bad++;
            }
        }
        return n > 0 && bad > n / 10;
    }

    // ------------------------------------------------------------------ meta

    private static Map<String, String> metaTags(Document doc) {
        Map<String, String> m = new java.util.HashMap<>();
        for (Element e : doc.select("meta[content]")) {
            String key = e.hasAttr("property") ? e.attr("property")
                    : e.hasAttr("name") ? e.attr("name")
                    : e.hasAttr("itemprop") ? e.attr("itemprop") : e.attr("http-equiv");
            key = key.trim().toLowerCase(Locale.ROOT);
            String v = e.attr("content").trim();
            if (!key.isEmpty() && !v.isEmpty()) {
                m.putIfAbsent(key, v);
            }
        }
        for (Element e : doc.select("[itemprop=datePublished], [itemprop=author]")) {
            String key = e.attr("itemprop").toLowerCase(Locale.ROOT);
            String v = e.hasAttr("content") ? e.attr("content") : e.hasAttr("datetime") ? e.attr("datetime") : e.text();
            if (!v.isBlank()) {
                m.putIfAbsent(key, v.trim());
            }
        }
        return m;
    }

    private ChineseDateParser.ParsedDate metaTime(Document doc, Map<String, String> meta) {
        for (String k : META_TIME_KEYS) {
            String v = meta.get(k);
            if (v != null) {
                Optional<ChineseDateParser.ParsedDate> d = dates.parse(v);
                if (d.isPresent() && !d.get().relative()) {
                    return d.get();
                }
            }
        }
        for (Element t : doc.select("time[datetime], time[pubdate]")) {
            String v = t.hasAttr("datetime") ? t.attr("datetime") : t.text();
            Optional<ChineseDateParser.ParsedDate> d = dates.parse(v);
            if (d.isPresent() && !d.get().relative()) {
                return d.get();
            }
        }
        return null;
    }

    private static String metaAuthor(Map<String, String> meta) {
        for (String k : META_AUTHOR_KEYS) {
            String v = meta.get(k);
            if (v != null) {
                String c = cleanName(v);
                if (c != null && !v.contains("http") && !v.contains("www.") && !v.contains(".com")
                        && !v.matches(".*\\d{3,}.*")) {
                    return c;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ title

    private static String extractTitle(Document doc, Map<String, String> meta) {
        String og = meta.get("og:title");
        String t = doc.title();
        String page = (og != null && !og.isBlank()) ? og : t;
        String pageNorm = nows(page);
        String bestHeading = null;
        for (Element h : doc.select("h1, h2, h3, [class~=(?i)title], [id~=(?i)title]")) {
            String ht = h.text().trim();
            if (ht.length() < 4 || ht.length() > 120) {
                continue;
            }
            String hn = nows(ht);
            if (!pageNorm.isEmpty() && pageNorm.contains(hn) && (bestHeading == null || hn.length() > nows(bestHeading).length())) {
                bestHeading = ht;
            }
        }
        if (bestHeading != null && nows(bestHeading).length() * 3 >= stripSiteName(page).length()) {
            return bestHeading;
        }
        if (page != null && !page.isBlank()) {
            return stripSiteName(page);
        }
        Element h1 = doc.selectFirst("h1");
        return h1 == null ? null : h1.text().trim();
    }

    /** Strips a site-name prefix or suffix such as {@code " - 新浪新闻"}, {@code "_网易"}, {@code "| 某某网"}. */
    public static String stripSiteName(String title) {
        if (title == null) {
            return "";
        }
        String t = title.replace('\u00A0', ' ').trim();
        String[] parts = TITLE_SPLIT.split(t);
        if (parts.length <= 1) {
            return t;
        }
        String first = parts[0].trim();
        String longest = first;
        for (String p : parts) {
            if (p.trim().length() > longest.length()) {
                longest = p.trim();
            }
        }
        return first.length() >= 8 || first.length() * 2 >= longest.length() ? first : longest;
    }

    private static String nows(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u3000') {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ cleaning and forum posts

    private static Element forumFirstPost(Element body) {
        Element e = body.selectFirst("[id^=postmessage_], td.t_f, div.t_f, div.d_post_content, .j_d_post_content,"
                + " #read_tpc, .tpc_content, div.post_body, div.postmessage");
        if (e != null && nows(e.text()).length() >= 5) {
            return e;
        }
        return null;
    }

    private static void clean(Element body) {
        List<Node> comments = new ArrayList<>();
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof Comment) {
                comments.add(node);
            }
        }, body);
        for (Node c : comments) {
            c.remove();
        }
        int bodyChars = nows(body.text()).length();
        for (Element e : body.select(String.join(",", DROP_TAGS))) {
            if (e.parent() == null) {
                continue;
            }
            // an unclosed <object>, <marquee>, <noscript> ... may hold the rest of the page: keep its children
            if (!e.normalName().equals("script") && !e.normalName().equals("style")
                    && nows(e.text()).length() > bodyChars * 0.4) {
                e.unwrap();
            } else {
                e.remove();
            }
        }
        bodyChars = nows(body.text()).length();
        List<Element> toRemove = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e == body) {
                continue;
            }
            String style = e.attr("style");
            boolean hidden = !style.isEmpty() && HIDDEN_STYLE.matcher(style).find();
            String tag = e.normalName();
            String idc = e.id() + " " + e.className();
            boolean structural = STRUCTURAL_BOILERPLATE.contains(tag);
            boolean negative = idc.length() > 1 && NEGATIVE.matcher(idc).find() && !POSITIVE.matcher(idc).find();
            // an unclosed hidden or "nav" element can swallow the whole page: never drop most of the text
            if ((hidden || structural || negative) && !e.is("[id^=postmessage_]")) {
                int chars = nows(e.text()).length();
                if (chars < bodyChars * 0.4) {
                    toRemove.add(e);
                }
            }
        }
        for (Element e : toRemove) {
            if (e.parent() != null) {
                e.remove();
            }
        }
    }

    // ------------------------------------------------------------------ segmentation and scoring

    private static List<Block> segment(Element root) {
        List<Block> blocks = new ArrayList<>();
        final class Seg implements NodeVisitor {
            final ArrayList<Element> stack = new ArrayList<>();
            Block cur;
            int anchorDepth;
            final Set<Element> counted = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

            void flush() {
                if (cur != null) {
                    String text = cur.raw.toString().replace('\u00A0', ' ').strip();
                    if (cur.chars > 0 && blocks.size() < MAX_BLOCKS) {
                        cur.text = text;
                        blocks.add(cur);
                    }
                }
                cur = null;
            }

            Element owner() {
                return stack.isEmpty() ? root : stack.get(stack.size() - 1);
            }

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode tn) {
                    String t = tn.getWholeText();
                    if (t.isEmpty()) {
                        return;
                    }
                    if (cur == null) {
                        cur = new Block(owner());
                    }
                    cur.raw.append(t.replaceAll("[\\s\\u00A0]+", " "));
                    int nonSpace = 0;
                    for (int i = 0; i < t.length(); i++) {
                        char c = t.charAt(i);
                        if (!Character.isWhitespace(c) && c != '\u00A0' && c != '\u3000') {
                            nonSpace++;
                            if (PUNCT.indexOf(c) >= 0) {
                                cur.punct++;
                            }
                            if (CJK_PUNCT.indexOf(c) >= 0) {
                                cur.cjkPunct++;
                            }
                        }
                    }
                    cur.chars += nonSpace;
                    if (anchorDepth > 0) {
                        cur.linkChars += nonSpace;
                    }
                } else if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("a")) {
                        if (isRealLink(e)) {
                            anchorDepth++;
                            counted.add(e);
                        }
                    } else if (tag.equals("br")) {
                        flush();
                    } else if (BLOCK_TAGS.contains(tag)) {
                        flush();
                        stack.add(e);
                    } else if (tag.equals("img") && cur != null) {
                        cur.raw.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (tag.equals("a")) {
                        if (counted.remove(e)) {
                            anchorDepth = Math.max(0, anchorDepth - 1);
                        }
                    } else if (BLOCK_TAGS.contains(tag)) {
                        flush();
                        if (!stack.isEmpty() && stack.get(stack.size() - 1) == e) {
                            stack.remove(stack.size() - 1);
                        }
                    }
                }
            }
        }
        Seg seg = new Seg();
        NodeTraversor.traverse(seg, root);
        seg.flush();
        return blocks;
    }

    /** An unclosed {@code <a>} (no href, or swallowing block elements) is markup debris, not a link. */
    private static boolean isRealLink(Element a) {
        if (!a.hasAttr("href")) {
            return false;
        }
        for (Element c : a.children()) {
            if (BLOCK_TAGS.contains(c.normalName())) {
                return false;
            }
        }
        return true;
    }

    private static double blockValue(Block b) {
        int t = b.chars;
        int text = t - b.linkChars;
        if (b.linkDensity() > 0.5) {
            return -t;
        }
        if (b.cjkPunct == 0 && b.punct == 0) {
            return t < 20 ? -0.5 * t : 0.3 * text;
        }
        if (b.cjkPunct == 0) {
            return t < 20 ? -0.3 * t : 0.5 * text;
        }
        double pd = (double) b.cjkPunct / Math.max(1, t);
        return text * (0.7 + Math.min(0.6, 6.0 * pd));
    }

    private static IdentityHashMap<Element, Double> score(List<Block> blocks, IdentityHashMap<Element, int[]> ranges) {
        IdentityHashMap<Element, Double> scores = new IdentityHashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            b.value = blockValue(b);
            Element e = b.owner;
            int walk = 0;
            while (e != null && walk++ < MAX_ANCESTOR_WALK) {
                scores.merge(e, b.value, Double::sum);
                int[] r = ranges.get(e);
                if (r == null) {
                    ranges.put(e, new int[] {i, i});
                } else {
                    r[1] = i;
                }
                e = e.parent();
            }
        }
        return scores;
    }

    private static Element bestElement(Element body, IdentityHashMap<Element, Double> scores) {
        Element best = body;
        double bestScore = scores.getOrDefault(body, 0.0);
        for (Element e : body.getAllElements()) {
            Double s = scores.get(e);
            if (s != null && s >= bestScore) {
                best = e;
                bestScore = s;
            }
        }
        return best;
    }

    private static boolean keepInContent(Block b) {
        if (b.linkDensity() > 0.5) {
            return false;
        }
        if (b.chars < 40 && BOILERPLATE_LINE.matcher(b.text).matches()) {
            return false;
        }
        return true;
    }

    /** Drops short unpunctuated blocks (titles, bylines, dates, captions) at the start and end of the content. */
    private static void trimEdges(List<Block> blocks, List<Integer> idx) {
        while (!idx.isEmpty() && isEdgeNoise(blocks.get(idx.get(0)))) {
            idx.remove(0);
        }
        while (!idx.isEmpty() && isEdgeNoise(blocks.get(idx.get(idx.size() - 1)))) {
            idx.remove(idx.size() - 1);
        }
    }

    private static boolean isEdgeNoise(Block b) {
        if (b.chars >= 40) {
            return false;
        }
        for (int i = 0; i < b.text.length(); i++) {
            if ("，。！？；".indexOf(b.text.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static int titleBlock(List<Block> blocks, String title, int before) {
        if (title == null || title.isBlank()) {
            return -1;
        }
        String tn = nows(title);
        int found = -1;
        for (int i = 0; i < Math.min(before + 1, blocks.size()); i++) {
            String bn = nows(blocks.get(i).text);
            if (bn.length() >= 4 && bn.length() <= tn.length() + 30 && (bn.contains(tn) || tn.contains(bn))) {
                found = i; // the last match before the content is usually the article heading
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ time

    private OffsetDateTime textTime(List<Block> blocks, int titleIdx, int cs, int ce, boolean bylineOnly) {
        int n = blocks.size();
        // 1. between the heading and the content: the byline
        if (titleIdx >= 0 && titleIdx < cs) {
            OffsetDateTime t = firstDate(blocks, titleIdx, Math.min(cs + 1, n), true);
            if (t != null) {
                return t;
            }
        }
        // 2. just before the content, the first lines of the content, just after it
        OffsetDateTime t = firstDate(blocks, Math.max(0, cs - 8), Math.min(n, cs + 3), true);
        if (t != null || bylineOnly) {
            return t;
        }
        // a metadata line inside the content (forum posts put "发布时间 ... by ..." under the first post)
        for (int i = cs; i <= ce && i < n; i++) {
            if (blocks.get(i).chars <= 80) {
                t = firstDate(blocks, i, i + 1, false, true);
                if (t != null) {
                    return t;
                }
            }
        }
        t = firstDate(blocks, Math.max(cs, ce - 3), Math.min(n, ce + 12), false);
        if (t != null) {
            return t;
        }
        // 3. anywhere: first date with a time, then any date
        t = firstDate(blocks, 0, n, false, true);
        if (t != null) {
            return t;
        }
        return firstDate(blocks, 0, n, false, false);
    }

    private OffsetDateTime firstDate(List<Block> blocks, int from, int to, boolean allowRelative) {
        OffsetDateTime withTime = firstDate(blocks, from, to, allowRelative, true);
        return withTime != null ? withTime : firstDate(blocks, from, to, allowRelative, false);
    }

    private OffsetDateTime firstDate(List<Block> blocks, int from, int to, boolean allowRelative, boolean needTime) {
        for (int i = Math.max(0, from); i < to && i < blocks.size(); i++) {
            String text = blocks.get(i).text;
            if (text.length() > 400) {
                text = text.substring(0, 200) + " " + text.substring(text.length() - 200);
            }
            for (ChineseDateParser.ParsedDate d : dates.findAll(text)) {
                if (d.relative() && (!allowRelative || blocks.get(i).chars > 60)) {
                    continue;
                }
                if (needTime && !d.hasTime()) {
                    continue;
                }
                return d.dateTime();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ author

    private String textAuthor(List<Block> blocks, int titleIdx, int cs, int ce, Element body) {
        int n = blocks.size();
        int bylineFrom = titleIdx >= 0 && titleIdx < cs ? titleIdx : Math.max(0, cs - 8);
        String byline = join(blocks, bylineFrom, Math.min(n, cs + 2));
        String tail = join(blocks, Math.max(cs, ce - 2), Math.min(n, ce + 6));
        for (String region : List.of(byline, tail)) {
            String a = findName(AUTHOR_LABEL, region);
            if (a != null) {
                return a;
            }
        }
        String poster = profileLinkBefore(blocks, cs, body);
        if (poster != null) {
            return poster;
        }
        for (Pattern p : List.of(AUTHOR_REPORTER, AUTHOR_BEFORE_DATE)) {
            for (String region : List.of(byline, tail)) {
                String a = findName(p, region);
                if (a != null) {
                    return a;
                }
            }
        }
        if (ce < n && ce >= 0) {
            String a = findName(AUTHOR_CLOSING, blocks.get(ce).text);
            if (a != null) {
                return a;
            }
        }
        String whole = join(blocks, 0, n);
        String a = findName(AUTHOR_LABEL, whole);
        if (a != null) {
            return a;
        }
        for (Pattern p : List.of(AUTHOR_EDITOR, AUTHOR_SOURCE)) {
            for (String region : List.of(byline, tail)) {
                a = findName(p, region);
                if (a != null) {
                    return a;
                }
            }
        }
        // a lone 2-4 character name on the line right after the heading
        if (titleIdx >= 0 && titleIdx + 1 < n) {
            String next = nows(blocks.get(titleIdx + 1).text);
            if (next.matches("\\p{IsHan}{2,4}")) {
                return next;
            }
        }
        return null;
    }

    private static final Pattern PROFILE_HREF = Pattern.compile(
            "space-uid|[?&](?:uid|userid|lookuserid|authorid|user_id|un)=|/(?:u|user|users|member|profile|space|home)/|user\\.php|profile\\.php|userinfo|mod=space",
            Pattern.CASE_INSENSITIVE);

    /** Forums: the poster is the user-profile link closest before the first post's text. */
    private static String profileLinkBefore(List<Block> blocks, int cs, Element body) {
        if (cs < 0 || cs >= blocks.size()) {
            return null;
        }
        Element contentOwner = blocks.get(cs).owner;
        String near = nows(join(blocks, Math.max(0, cs - 10), cs + 1));
        String found = null;
        for (Element e : body.getAllElements()) {
            if (e == contentOwner) {
                break;
            }
            if (e.normalName().equals("a") && PROFILE_HREF.matcher(e.attr("href")).find()) {
                String name = cleanName(e.text());
                if (name != null && name.matches("[\\p{IsHan}A-Za-z0-9_·•&.\\-]{2,16}") && near.contains(nows(name))) {
                    found = name;
                }
            }
        }
        return found;
    }

    private static String join(List<Block> blocks, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, from); i < to; i++) {
            String t = blocks.get(i).text;
            b.append(t.length() > 600 ? t.substring(0, 300) + " … " + t.substring(t.length() - 300) : t).append('\n');
            if (b.length() > 200_000) {
                break;
            }
        }
        return b.toString();
    }

    private static String findName(Pattern p, String text) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            String g = null;
            for (int i = 1; i <= m.groupCount() && g == null; i++) {
                g = m.group(i);
            }
            String name = cleanName(g);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    static String cleanName(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.replace('\u00A0', ' ').trim();
        s = NAME_STOP.matcher(s).replaceFirst("").trim();
        s = s.replaceAll("[\\s:：,，;；.。|｜/-]+$", "");
        if (s.length() < 2 || s.length() > 25 || BAD_NAMES.contains(s.toLowerCase(Locale.ROOT)) || s.startsWith("转载")) {
            return null;
        }
        if (s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) && s.length() > 8) {
            return null;
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return s;
    }
}
