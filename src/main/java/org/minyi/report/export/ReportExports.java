package org.minyi.report.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.util.Units;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHyperlinkRun;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.minyi.dashboard.DashboardService.Point;
import org.minyi.dashboard.DashboardService.Slice;
import org.minyi.dashboard.DashboardService.UnitRow;
import org.minyi.report.ReportConfig;
import org.minyi.report.ReportContent;

/** A report's figures as a Word document (charts as images), an Excel workbook of its tables, and CSV. */
@ApplicationScoped
public class ReportExports {

    static final String FONT = "宋体";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    ChartImages charts;

    @Inject
    ReportConfig config;

    // ------------------------------------------------------------------ docx

    public void docx(ReportContent c, OutputStream out) throws IOException {
        ZoneId zone = ZoneId.of(c.zone());
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, c.title(), 20, true);
            XWPFParagraph meta = doc.createParagraph();
            meta.setAlignment(ParagraphAlignment.CENTER);
            run(meta, "统计周期：" + c.periodLabel() + "（" + c.zone() + "）　生成时间：" + TIME.format(c.generatedAt().atZone(zone)), 10, false);

            heading(doc, "一、总体情况");
            paragraph(doc, c.overview());
            if (c.thin()) {
                XWPFParagraph p = doc.createParagraph();
                XWPFRun r = run(p, c.thinNote(), 12, true);
                r.setColor("B00020");
            }
            XWPFParagraph links = doc.createParagraph();
            run(links, "信息总量 " + c.totals().posts() + " 条：", 11, false);
            link(links, "查看全部信息", c.totals().link());
            run(links, "；负面 " + c.totals().negative() + " 条：", 11, false);
            link(links, "查看负面信息", c.totals().negativeLink());

            heading(doc, "二、信息走势");
            if (!c.volume().points().isEmpty() && c.totals().posts() > 0) {
                picture(doc, charts.volume(c.periodLabel() + " 信息量与情感", c.volume().points()), "volume.png", 440, 205);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Point p : c.volume().points()) {
                if (p.posts() > 0) {
                    rows.add(List.of(p.label(), "" + p.posts(), "" + p.negative(), "" + p.neutral(), "" + p.positive()));
                }
            }
            table(doc, List.of("时间", "信息量", "负面", "中性", "正面"), rows);

            heading(doc, "三、类别与来源");
            if (!c.categories().isEmpty()) {
                picture(doc, charts.bars("类别分布", c.categories()), "categories.png", 440, 60 + 16 * Math.min(12, c.categories().size()));
            }
            table(doc, List.of("类别", "信息量", "负面", "负面占比"), slices(c.categories()));
            table(doc, List.of("来源", "信息量", "负面", "负面占比"), slices(c.sources()));

            heading(doc, "四、重点地区");
            if (c.places().isEmpty()) {
                paragraph(doc, "本期信息未提及辖区内的具体地点。");
            } else {
                table(doc, List.of("地区", "信息量", "负面", "负面占比"), slices(c.places()));
            }

            heading(doc, "五、热点话题");
            if (c.topics().isEmpty()) {
                paragraph(doc, "本期没有形成话题。");
            }
            int i = 1;
            for (ReportContent.TopicBlock t : c.topics()) {
                XWPFParagraph p = doc.createParagraph();
                run(p, i++ + ". ", 12, true);
                link(p, t.label(), t.link());
                run(p, "　信息 " + t.posts() + " 条，负面 " + pct(t.negativeShare()) + (t.emerging() ? "，新兴话题" : ""), 11, false);
                for (ReportContent.Sample s : t.samples()) {
                    XWPFParagraph sp = doc.createParagraph();
                    sp.setIndentationLeft(400);
                    run(sp, "【" + s.source() + " " + TIME.format(s.publishedAt().atZone(zone)) + "】"
                            + (s.title() == null ? "" : s.title() + "：") + s.excerpt() + " ", 10, false);
                    if (org.minyi.security.SafeText.httpUrl(s.url()) != null) {
                        link(sp, "原文", s.url());
                    }
                }
            }
            if (!c.emerging().isEmpty()) {
                XWPFParagraph p = doc.createParagraph();
                run(p, "新兴话题：", 11, true);
                for (var e : c.emerging()) {
                    link(p, e.label(), e.link());
                    run(p, "（" + e.posts() + " 条）　", 11, false);
                }
            }

            heading(doc, "六、交办与回应");
            XWPFParagraph cp = doc.createParagraph();
            run(cp, "本期新交办 " + c.cases().opened() + " 件，已回应 " + c.cases().responded() + " 件，超期 "
                    + c.cases().overdue() + " 件。", 11, false);
            link(cp, "查看交办调度", c.cases().link());
            if (!c.cases().overdueUnits().isEmpty()) {
                List<List<String>> o = new ArrayList<>();
                c.cases().overdueUnits().forEach(u -> o.add(List.of(u.unit(), "" + u.overdue())));
                table(doc, List.of("超期单位", "超期件数"), o);
            }
            if (!c.units().isEmpty()) {
                List<List<String>> u = new ArrayList<>();
                for (UnitRow r : c.units()) {
                    u.add(List.of(r.unit(), "" + r.cases(), "" + r.responded(), pct(r.responseRate()), pct(r.onTimeRate()),
                            "" + r.overdue(), r.effectRate() == null ? "–" : r.calmed() + "/" + r.evaluated()));
                }
                table(doc, List.of("单位", "交办", "已回应", "回应率", "按时率", "超期", "回应后平息"), u);
            }

            heading(doc, "七、关键词");
            paragraph(doc, c.keywords().isEmpty() ? "无" : String.join("、", c.keywords().stream().limit(20).map(k -> k.word()).toList()));
            XWPFParagraph foot = doc.createParagraph();
            run(foot, "本报告的每个数字均可在 minyi 中追溯到对应的原始信息（见文中链接）。", 9, false).setItalic(true);
            doc.write(out);
        }
    }

    private static String pct(double share) {
        return String.format("%.1f%%", share * 100);
    }

    private static List<List<String>> slices(List<Slice> slices) {
        List<List<String>> rows = new ArrayList<>();
        for (Slice s : slices) {
            rows.add(List.of(s.name(), "" + s.posts(), "" + s.negative(), pct(s.negativeShare())));
        }
        return rows;
    }

    private static XWPFRun run(XWPFParagraph p, String text, int size, boolean bold) {
        XWPFRun r = p.createRun();
        r.setText(text == null ? "" : text);
        r.setFontFamily(FONT);
        r.setFontSize(size);
        r.setBold(bold);
        return r;
    }

    private static void heading(XWPFDocument doc, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setSpacingBefore(240);
        run(p, text, 15, true);
    }

    private static void paragraph(XWPFDocument doc, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setFirstLineIndent(480);
        run(p, text, 12, false);
    }

    private void link(XWPFParagraph p, String text, String href) {
        if (href == null) {
            run(p, text, 11, false);
            return;
        }
        // our own links are relative; anything else must be an absolute http/https URL (never javascript:, file: ...)
        String url = org.minyi.security.SafeText.httpUrl(href.startsWith("/") && !href.startsWith("//")
                ? config.publicUrl().replaceAll("/$", "") + href : href);
        if (url == null) {
            run(p, text, 11, false);
            return;
        }
        XWPFHyperlinkRun r = p.createHyperlinkRun(url);
        r.setText(text);
        r.setFontFamily(FONT);
        r.setColor("1F4E99");
        r.setUnderline(org.apache.poi.xwpf.usermodel.UnderlinePatterns.SINGLE);
    }

    private static void picture(XWPFDocument doc, byte[] png, String name, int widthPt, int heightPt) throws IOException {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        try {
            p.createRun().addPicture(new ByteArrayInputStream(png), Document.PICTURE_TYPE_PNG, name, Units.toEMU(widthPt),
                    Units.toEMU(heightPt));
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    private static void table(XWPFDocument doc, List<String> header, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        XWPFTable t = doc.createTable(rows.size() + 1, header.size());
        fill(t.getRow(0), header, true);
        for (int i = 0; i < rows.size(); i++) {
            fill(t.getRow(i + 1), rows.get(i), false);
        }
        doc.createParagraph();
    }

    private static void fill(XWPFTableRow row, List<String> values, boolean bold) {
        for (int i = 0; i < values.size(); i++) {
            XWPFParagraph p = row.getCell(i).getParagraphs().get(0);
            run(p, values.get(i), 10, bold);
        }
    }

    // ------------------------------------------------------------------ xlsx and csv

    /** The tables of the report, one per sheet (streaming workbook). */
    public void xlsx(ReportContent c, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            CellStyle text = wb.createCellStyle();
            text.setQuotePrefixed(true);
            for (Table t : tables(c)) {
                Sheet sheet = wb.createSheet(t.name);
                int r = 0;
                Row head = sheet.createRow(r++);
                for (int i = 0; i < t.header.size(); i++) {
                    head.createCell(i).setCellValue(t.header.get(i));
                }
                for (List<Object> values : t.rows) {
                    Row row = sheet.createRow(r++);
                    for (int i = 0; i < values.size(); i++) {
                        Object v = values.get(i);
                        var cell = row.createCell(i);
                        if (v instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else if (v != null) {
                            String s = String.valueOf(v);
                            cell.setCellValue(s);
                            if (Cells.looksLikeFormula(s)) {
                                cell.setCellStyle(text);
                            }
                        }
                    }
                }
            }
            wb.write(out);
        } finally {
            wb.close();
        }
    }

    /** Every table of the report in one CSV (UTF-8 with BOM so that Excel reads the Chinese), a blank line between. */
    public void csv(ReportContent c, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        for (Table t : tables(c)) {
            w.write(Cells.csv("# " + t.name) + "\r\n");
            w.write(String.join(",", t.header.stream().map(Cells::csv).toList()) + "\r\n");
            for (List<Object> row : t.rows) {
                w.write(String.join(",", row.stream().map(Cells::csv).toList()) + "\r\n");
            }
            w.write("\r\n");
        }
        w.flush();
    }

    private record Table(String name, List<String> header, List<List<Object>> rows) {
    }

    private List<Table> tables(ReportContent c) {
        String base = config.publicUrl().replaceAll("/$", "");
        ZoneId zone = ZoneId.of(c.zone());
        List<Table> out = new ArrayList<>();
        List<List<Object>> overview = new ArrayList<>();
        overview.add(List.of("报告", c.title(), ""));
        overview.add(List.of("统计周期", c.periodLabel() + "（" + c.zone() + "）", ""));
        overview.add(List.of("信息总量", c.totals().posts(), base + c.totals().link()));
        overview.add(List.of("负面", c.totals().negative(), base + c.totals().negativeLink()));
        overview.add(List.of("中性", c.totals().neutral(), ""));
        overview.add(List.of("正面", c.totals().positive(), ""));
        overview.add(List.of("负面占比", c.totals().negativeShare(), ""));
        overview.add(List.of("上一周期信息量", c.previous().posts(), base + c.previous().link()));
        overview.add(List.of("新交办", c.cases().opened(), base + c.cases().link()));
        overview.add(List.of("已回应", c.cases().responded(), base + c.cases().link()));
        overview.add(List.of("超期", c.cases().overdue(), base + c.cases().link()));
        overview.add(List.of("概述", c.overview(), ""));
        if (c.thin()) {
            overview.add(List.of("样本说明", c.thinNote(), ""));
        }
        out.add(new Table("概况", List.of("指标", "数值", "依据链接"), overview));
        List<List<Object>> volume = new ArrayList<>();
        for (Point p : c.volume().points()) {
            volume.add(List.of(TIME.format(p.start().atZone(zone)), p.posts(), p.negative(), p.neutral(), p.positive(), base + p.link()));
        }
        out.add(new Table("走势", List.of("时间", "信息量", "负面", "中性", "正面", "依据链接"), volume));
        out.add(sliceTable("类别", c.categories(), base));
        out.add(sliceTable("来源", c.sources(), base));
        out.add(sliceTable("地区", c.places(), base));
        List<List<Object>> topics = new ArrayList<>();
        List<List<Object>> samples = new ArrayList<>();
        for (ReportContent.TopicBlock t : c.topics()) {
            topics.add(List.of(t.id(), t.label(), t.posts(), t.negative(), t.negativeShare(), t.emerging() ? "是" : "否", base + t.link()));
            for (ReportContent.Sample s : t.samples()) {
                samples.add(List.of(t.label(), s.id(), s.source(), TIME.format(s.publishedAt().atZone(zone)),
                        s.title() == null ? "" : s.title(), s.excerpt(), s.sentiment() == null ? "" : s.sentiment(), s.url()));
            }
        }
        out.add(new Table("话题", List.of("编号", "话题", "信息量", "负面", "负面占比", "新兴", "依据链接"), topics));
        out.add(new Table("样本", List.of("话题", "帖子编号", "来源", "时间", "标题", "摘录", "情感", "原文"), samples));
        List<List<Object>> units = new ArrayList<>();
        for (UnitRow r : c.units()) {
            units.add(List.of(r.unit(), r.cases(), r.responded(), r.responseRate(), r.onTime(), r.onTimeRate(), r.overdue(),
                    r.medianMinutesToAcknowledge() == null ? "" : r.medianMinutesToAcknowledge(),
                    r.medianMinutesToRespond() == null ? "" : r.medianMinutesToRespond(), r.evaluated(), r.calmed(), base + r.link()));
        }
        out.add(new Table("单位回应", List.of("单位", "交办", "已回应", "回应率", "按时", "按时率", "超期", "受理中位分钟", "回应中位分钟",
                "已评估", "回应后平息", "依据链接"), units));
        List<List<Object>> keywords = new ArrayList<>();
        c.keywords().forEach(k -> keywords.add(List.of(k.word(), k.weight(), base + k.link())));
        out.add(new Table("关键词", List.of("关键词", "权重", "依据链接"), keywords));
        return out;
    }

    private static Table sliceTable(String name, List<Slice> slices, String base) {
        List<List<Object>> rows = new ArrayList<>();
        for (Slice s : slices) {
            rows.add(List.of(s.name(), s.posts(), s.negative(), s.negativeShare(), base + s.link()));
        }
        return new Table(name, List.of(name, "信息量", "负面", "负面占比", "依据链接"), rows);
    }

    static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone));
    }
}
