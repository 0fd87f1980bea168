package org.minyi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.minyi.source.SourceInput;
import org.minyi.source.SourceType;

class DemoSourcesTest {

    @Test
    void threeSourcesOnTheGivenBase() {
        List<DemoSources.Definition> defs = DemoSources.definitions("http://localhost:8080/");
        assertThat(defs).extracting(DemoSources.Definition::type)
                .containsExactly(SourceType.FORUM, SourceType.NEWS, SourceType.FEED);
        DemoSources.Definition forum = defs.get(0);
        assertThat(forum.baseUrl()).isEqualTo("http://localhost:8080/demo/forum/");
        assertThat(forum.startUrls()).containsExactly("http://localhost:8080/demo/forum/forum-2-1.html",
                "http://localhost:8080/demo/forum/forum-3-1.html");
        assertThat(forum.selectors()).containsEntry("listLinks", "a.s.xst").containsEntry("nextPage", "div.pg a.nxt")
                .containsEntry("content", "td.t_f").containsEntry("author", "div.authi a.xw1")
                .containsEntry("time", "em[id^=authorposton]").containsEntry("replies", "div[id^=post_]");
        assertThat(defs.get(1).startUrls()).containsExactly("http://localhost:8080/demo/news/list-1.html");
        assertThat(defs.get(1).selectors()).containsKey("listLinks");
        assertThat(defs.get(2).startUrls()).containsExactly("http://localhost:8080/demo/feeds/rss.xml");

        SourceInput input = forum.toInput("PT2M", 2, 100);
        assertThat(input.type()).isEqualTo("FORUM");
        assertThat(input.selectors()).isEqualTo(forum.selectors());
        assertThat(DemoSources.definitions("http://h:9").get(2).baseUrl()).isEqualTo("http://h:9/demo/feeds/");
    }
}
