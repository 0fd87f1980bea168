package org.minyi.crawl;

import java.util.List;

/** Discuz!-style forum pages (as the district's forums run) for crawler tests and the crawl benchmark. */
final class DiscuzPages {

    private DiscuzPages() {
    }

    /** A board's thread list; threads: {tid, title, author, replies, views}. */
    static String list(String title, List<String[]> threads, String next) {
        StringBuilder sb = new StringBuilder("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">"
                + "<title>" + title + " - 海澄论坛</title></head><body><div id=\"nv\"><a href=\"/\">首页</a></div><table id=\"threadlisttableid\">");
        for (String[] t : threads) {
            sb.append("<tbody id=\"normalthread_").append(t[0]).append("\"><tr><th><a href=\"thread-").append(t[0])
                    .append("-1-1.html\" class=\"s xst\">").append(t[1]).append("</a></th><td class=\"by\"><cite><a>")
                    .append(t[2]).append("</a></cite></td><td class=\"num\"><a class=\"xi2\">").append(t[3])
                    .append("</a><em>").append(t[4]).append("</em></td></tr></tbody>");
        }
        sb.append("</table>");
        if (next != null) {
            sb.append("<div class=\"pg\"><strong>1</strong><a href=\"").append(next).append("\" class=\"nxt\">下一页</a></div>");
        }
        return sb.append("</body></html>").toString();
    }

    /** A thread page; posts: {pid, author, time, text}. */
    static String thread(String title, List<String[]> posts, String next) {
        StringBuilder sb = new StringBuilder("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">"
                + "<title>" + title + " - 海澄论坛</title></head><body><h1 class=\"ts\"><span id=\"thread_subject\">" + title
                + "</span></h1><div id=\"postlist\">");
        for (String[] p : posts) {
            sb.append("<div id=\"post_").append(p[0]).append("\"><table><tr><td class=\"pls\"><div class=\"authi\"><a class=\"xw1\" href=\"space-uid-1.html\">")
                    .append(p[1]).append("</a></div></td><td class=\"plc\"><div class=\"authi\"><em id=\"authorposton").append(p[0])
                    .append("\">发表于 ").append(p[2]).append("</em></div><table><tr><td class=\"t_f\" id=\"postmessage_").append(p[0])
                    .append("\">").append(p[3]).append("</td></tr></table></td></tr></table></div>");
        }
        sb.append("</div>");
        if (next != null) {
            sb.append("<div class=\"pg\"><a href=\"").append(next).append("\" class=\"nxt\">下一页</a></div>");
        }
        return sb.append("</body></html>").toString();
    }

}
