package org.minyi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.minyi.demo.DemoContent.Article;
import org.minyi.demo.DemoContent.FeedItem;
import org.minyi.demo.DemoContent.ForumThread;
import org.minyi.demo.DemoContent.Reply;

/** The written content is consistent: ordered replies, GBK-safe forum text, a timeline that keeps posts coming. */
class DemoContentTest {

    final DemoContent content = DemoContent.load();

    @Test
    void sizesAsPromised() {
        assertThat(content.forum().boards()).hasSize(2);
        assertThat(content.forum().threads()).hasSizeBetween(28, 36);
        assertThat(content.forum().threads()).allSatisfy(t -> assertThat(t.replies()).hasSizeLessThanOrEqualTo(15));
        assertThat(content.news().articles()).hasSizeBetween(14, 18);
        assertThat(content.feed().items()).hasSizeBetween(10, 14);
        Set<Integer> tids = new HashSet<>();
        content.forum().threads().forEach(t -> assertThat(tids.add(t.tid())).as("tid %s unique", t.tid()).isTrue());
        content.forum().threads().forEach(t -> assertThat(content.forum().board(t.fid())).isPresent());
    }

    @Test
    void aboutSixtyPercentIsThereAtStartAndTheRestComesWithinThreeHours() {
        List<Integer> offsets = new ArrayList<>();
        for (ForumThread t : content.forum().threads()) {
            offsets.add(t.appearAfterMinutes());
            t.replies().forEach(r -> offsets.add(r.appearAfterMinutes()));
        }
        content.news().articles().forEach(a -> offsets.add(a.appearAfterMinutes()));
        content.feed().items().forEach(i -> offsets.add(i.appearAfterMinutes()));
        long atStart = offsets.stream().filter(o -> o == 0).count();
        assertThat((double) atStart / offsets.size()).isBetween(0.5, 0.7);
        assertThat(offsets).allSatisfy(o -> assertThat(o).isBetween(0, 185));
        // something new in every half hour of the three hours
        for (int from = 1; from < 180; from += 30) {
            int lo = from;
            assertThat(offsets).as("items appearing in minutes %d..%d", lo, lo + 29)
                    .anySatisfy(o -> assertThat(o).isBetween(lo, lo + 29));
        }
    }

    @Test
    void repliesAreInPostingOrderAndNeverBeforeTheirThread() {
        for (ForumThread t : content.forum().threads()) {
            int previous = t.appearAfterMinutes() - t.ageMinutes();
            for (Reply r : t.replies()) {
                int shown = r.appearAfterMinutes() - r.ageMinutes();
                assertThat(shown).as("reply by %s in %s", r.author(), t.tid()).isGreaterThanOrEqualTo(previous);
                assertThat(r.appearAfterMinutes()).isGreaterThanOrEqualTo(t.appearAfterMinutes());
                assertThat(r.ageMinutes() == 0 || r.appearAfterMinutes() == 0).isTrue();
                previous = shown;
            }
        }
    }

    @Test
    void forumTextEncodesInGbk() {
        CharsetEncoder gbk = Charset.forName("GBK").newEncoder();
        assertThat(content.forumTexts()).allSatisfy(s -> assertThat(gbk.canEncode(s)).as(s).isTrue());
    }

    @Test
    void feedItemsLinkToArticlesThatAlreadyExist() {
        for (FeedItem i : content.feed().items()) {
            if (i.articleId() != null) {
                Article a = content.news().article(i.articleId()).orElseThrow();
                assertThat(i.appearAfterMinutes()).isGreaterThanOrEqualTo(a.appearAfterMinutes());
            } else {
                assertThat(i.paragraphs()).isNotEmpty();
            }
        }
    }

    @Test
    void placesAreThoseOfTheFictionalDistrict() {
        String all = String.join("\n", content.forumTexts());
        assertThat(all).contains("湖滨", "澄湖街道", "石塘村", "盐田村", "星河湾", "书香苑", "翠堤");
    }
}
