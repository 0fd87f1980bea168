package org.minyi.report.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.minyi.dashboard.DashboardService.Point;
import org.minyi.dashboard.DashboardService.Slice;
import org.minyi.report.ReportConfig;

/**
 * Charts drawn on the server as PNG (for the .docx export) with JFreeChart in headless AWT, using the first CJK font
 * of {@code minyi.reports.font-paths} that loads, so that Chinese labels are glyphs and not boxes.
 */
@ApplicationScoped
public class ChartImages {

    private static final Logger LOG = Logger.getLogger(ChartImages.class);

    @Inject
    ReportConfig config;

    private volatile Font base;

    /** The CJK font in use, loaded once. */
    public Font font() {
        if (base == null) {
            synchronized (this) {
                if (base == null) {
                    System.setProperty("java.awt.headless", "true");
                    base = load(config.fontPaths());
                }
            }
        }
        return base;
    }

    static Font load(List<String> paths) {
        for (String path : paths) {
            File f = new File(path.strip());
            if (!f.isFile()) {
                continue;
            }
            try {
                Font[] fonts = Font.createFonts(f);
                if (fonts.length > 0 && fonts[0].canDisplayUpTo("舆情日报负面") == -1) {
                    LOG.infof("chart font: %s from %s", fonts[0].getFontName(), path);
                    return fonts[0];
                }
            } catch (java.awt.FontFormatException | IOException e) {
                LOG.warnf("font %s not loaded: %s", path, e.getMessage());
            }
        }
        Font fallback = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        LOG.warnf("no CJK font found in %s: charts use %s and Chinese may not render (install fonts-wqy-microhei)", paths,
                fallback.getFontName());
        return fallback;
    }

    /** Whether the font in use has glyphs for Chinese. */
    public boolean hasChineseGlyphs() {
        return font().canDisplayUpTo("舆情日报负面") == -1;
    }

    private void theme(JFreeChart chart) {
        Font f = font();
        StandardChartTheme theme = new StandardChartTheme("minyi");
        theme.setExtraLargeFont(f.deriveFont(Font.BOLD, 18f));
        theme.setLargeFont(f.deriveFont(Font.BOLD, 14f));
        theme.setRegularFont(f.deriveFont(Font.PLAIN, 12f));
        theme.setSmallFont(f.deriveFont(Font.PLAIN, 10f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(new Color(0xdddddd));
        theme.setRangeGridlinePaint(new Color(0xdddddd));
        theme.apply(chart);
    }

    /** Stacked bars of negative, neutral and positive posts per bucket. */
    public byte[] volume(String title, List<Point> points) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Point p : points) {
            data.addValue(p.negative(), "负面", p.label());
            data.addValue(p.neutral(), "中性", p.label());
            data.addValue(p.positive(), "正面", p.label());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(title, null, "信息量（条）", data, PlotOrientation.VERTICAL,
                true, false, false);
        theme(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0xc0392b));
        r.setSeriesPaint(1, new Color(0x95a5a6));
        r.setSeriesPaint(2, new Color(0x27ae60));
        plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        return png(chart, 900, 420);
    }

    /** Horizontal bars of posts per slice (categories, sources, places). */
    public byte[] bars(String title, List<Slice> slices) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Slice s : slices.stream().limit(12).toList()) {
            data.addValue(s.posts() - s.negative(), "其他", s.name());
            data.addValue(s.negative(), "负面", s.name());
        }
        JFreeChart chart = ChartFactory.createStackedBarChart(title, null, "信息量（条）", data, PlotOrientation.HORIZONTAL,
                true, false, false);
        theme(chart);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(0x5470c6));
        r.setSeriesPaint(1, new Color(0xc0392b));
        return png(chart, 900, 60 + 32 * Math.max(3, Math.min(12, slices.size())));
    }

    private static byte[] png(JFreeChart chart, int w, int h) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, w, h);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
