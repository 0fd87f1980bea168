package org.minyi.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Reports ({@code minyi.reports.*}). */
@ConfigMapping(prefix = "minyi.reports")
public interface ReportConfig {

    /** When the daily report of the previous day is generated (Quartz cron, district time zone; "off" disables). */
    @WithDefault("0 0 7 * * ?")
    String dailyCron();

    /** When the weekly report of the previous week (Monday to Sunday) is generated ("off" disables). */
    @WithDefault("0 30 7 ? * MON")
    String weeklyCron();

    /** Below this many posts in the period the report says the sample is too small instead of judging a trend. */
    @WithDefault("30")
    int minPosts();

    /** Top topics in a report, each with up to {@code samplePosts} sample posts. */
    @WithDefault("5")
    int topTopics();

    /** Sample posts per top topic. */
    @WithDefault("3")
    int samplePosts();

    /**
     * Font files with Chinese glyphs for the charts drawn into .docx exports, tried in order (TrueType or collections);
     * the first that loads is used. The Docker image installs fonts-wqy-microhei.
     */
    @WithDefault("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc,/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,/usr/share/fonts/truetype/arphic/uming.ttc")
    List<String> fontPaths();

    /** The address users reach minyi at: links in exported documents are made absolute with it. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Rows per posts export at most (CSV and .xlsx of the posts behind a filter). */
    @WithDefault("1000000")
    int maxExportRows();
}
