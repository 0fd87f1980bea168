package org.minyi.crawl;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.minyi.common.DistrictConfig;
import org.minyi.crawl.extract.ArticleExtractor;
import org.minyi.crawl.extract.ChineseDateParser;
import org.minyi.crawl.fetch.CharsetDetector;

/** The page extractor and charset detector as beans: local times are read in the district's zone. */
@ApplicationScoped
public class ExtractionBeans {

    @Produces
    @ApplicationScoped
    ChineseDateParser dateParser(DistrictConfig district, Clock clock) {
        return new ChineseDateParser(district.zone(), clock);
    }

    @Produces
    @ApplicationScoped
    ArticleExtractor articleExtractor(ChineseDateParser dates) {
        return new ArticleExtractor(dates);
    }

    @Produces
    @ApplicationScoped
    CharsetDetector charsetDetector() {
        return new CharsetDetector();
    }
}
