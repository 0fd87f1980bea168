package org.minyi.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;

/** The jurisdiction minyi watches. */
@ConfigMapping(prefix = "minyi.district")
public interface DistrictConfig {

    /** Display name of the district. The demo district 海澄区 is fictional. */
    @WithDefault("海澄区（虚构示范区）")
    String name();

    /** Time zone of the district: local times on pages are read in it and times are shown in it. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
