package org.minyi.topic.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clusterer alone, on small hand-made Chinese streams (already segmented into content words). */
class TopicIndexTest {

    private static final Instant T0 = Instant.parse("2026-05-07T01:00:00Z");

    private static TopicIndex.Features f(Instant at, boolean threaded, String... words) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        for (String w : words) {
            terms.merge(w, 1, Integer::sum);
        }
        return new TopicIndex.Features(terms, at, threaded, 1);
    }

    private static long assign(TopicIndex index, TopicIndex.Features f, long[] next) {
        TopicIndex.Decision d = index.decide(f);
        long id = d.topicId() != null ? d.topicId() : next[0]++;
        index.add(id, f);
        return id;
    }

    @Test
    void similarPostsJoinAndUnrelatedPostsStartTopics() {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        long[] next = {1};
        // a threaded source: no recency prior, content alone decides
        long noise = assign(index, f(T0, true, "工地", "施工", "噪音", "扰民", "夜间", "@观澜社区"), next);
        long noise2 = assign(index, f(T0.plusSeconds(60), true, "观澜社区", "工地", "噪音", "睡觉", "@观澜社区"), next);
        long river = assign(index, f(T0.plusSeconds(120), true, "工厂", "偷排", "废水", "河水", "发臭"), next);
        long river2 = assign(index, f(T0.plusSeconds(180), true, "河水", "发臭", "死鱼", "废水"), next);
        long noise3 = assign(index, f(T0.plusSeconds(240), true, "施工", "噪音", "投诉", "@观澜社区"), next);

        assertThat(noise2).isEqualTo(noise);
        assertThat(noise3).isEqualTo(noise);
        assertThat(river).isNotEqualTo(noise);
        assertThat(river2).isEqualTo(river);
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.topTerms(noise, 3)).contains("噪音");
    }

    @Test
    void shortPostsWithoutContentMatchFollowTheActiveConversationOnlyWhileItIsActive() {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        long[] next = {1};
        long source = assign(index, f(T0, false, "地铁", "三号线", "停运", "乘客", "滞留", "故障", "站台", "通知", "延误"), next);
        // a comment sharing no word, 20 s later: joins by recency
        assertThat(assign(index, f(T0.plusSeconds(20), false, "太", "坑"), next)).isEqualTo(source);
        // the same kind of comment two hours later: nothing is active, it starts a topic
        assertThat(assign(index, f(T0.plusSeconds(7200), false, "无语"), next)).isNotEqualTo(source);
        // a long, unrelated post right after: its own evidence outweighs the prior
        long other = assign(index, f(T0.plusSeconds(7220), false, "医院", "挂号", "排队", "专家", "门诊", "患者", "预约",
                "系统", "崩溃", "窗口", "人工", "缓慢", "投诉"), next);
        assertThat(other).isNotEqualTo(source);
        // on a threaded source the prior does not apply
        assertThat(index.decide(f(T0.plusSeconds(7240), true, "同感")).topicId()).isNull();
    }

    @Test
    void similarityFadesWithTheTopicsAge() {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        long[] next = {1};
        long a = assign(index, f(T0, true, "停水", "自来水", "小区", "通知"), next);
        TopicIndex.Decision soon = index.decide(f(T0.plus(Duration.ofHours(1)), true, "停水", "自来水", "小区"));
        TopicIndex.Decision late = index.decide(f(T0.plus(Duration.ofDays(3)), true, "停水", "自来水", "小区"));
        assertThat(soon.topicId()).isEqualTo(a);
        assertThat(late.similarity()).isLessThan(soon.similarity() / 4);
        assertThat(late.topicId()).isNull();
    }

    @Test
    void similarPairsLooksOnlyAtTopicsThatChangedSinceTheLastPassAgainstEveryCandidate() {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        index.add(1, f(T0, true, "拆迁", "补偿", "村民", "上访"));
        index.add(2, f(T0.plusSeconds(10), true, "食堂", "学生", "中毒"));
        index.add(3, f(T0.plusSeconds(20), true, "暴雨", "积水", "地铁"));
        index.add(4, f(T0.plusSeconds(25), true, "垃圾", "清运", "小区"));
        assertThat(index.similarPairs(0.5, 10)).isEmpty();
        // nothing changed: nothing to compare
        assertThat(index.similarPairs(0.5, 10)).isEmpty();
        // topic 3 (unchanged: 1) and topic 4 (unchanged: 2) converge with an older and a newer topic
        index.add(3, f(T0.plusSeconds(30), true, "拆迁", "补偿", "村民", "上访", "拆迁", "补偿"));
        index.add(4, f(T0.plusSeconds(31), true, "食堂", "学生", "中毒", "食堂", "学生"));
        List<long[]> pairs = index.similarPairs(0.5, 10);
        assertThat(pairs).extracting(p -> p[0] + "-" + p[1]).containsExactlyInAnyOrder("1-3", "2-4");
        // compared once: the pairs stand until one of their topics changes again
        assertThat(index.similarPairs(0.5, 10)).isEmpty();
        index.add(1, f(T0.plusSeconds(40), true, "拆迁", "补偿"));
        assertThat(index.similarPairs(0.5, 10)).extracting(p -> p[0] + "-" + p[1]).containsExactly("1-3");
    }

    @Test
    void mergeFoldsVectorsAndSimilarPairsFindsConvergingTopics() {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        index.add(1, f(T0, true, "拆迁", "补偿", "村民", "上访"));
        index.add(2, f(T0.plusSeconds(10), true, "拆迁", "补偿", "村民", "标准"));
        index.add(3, f(T0.plusSeconds(20), true, "食堂", "学生", "中毒"));
        List<long[]> pairs = index.similarPairs(0.5, 10);
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0)).containsExactly(1, 2);
        index.merge(2, 1);
        assertThat(index.contains(2)).isFalse();
        assertThat(index.topTerms(1, 10)).contains("标准", "上访");
        assertThat(index.similarPairs(0.5, 10)).isEmpty();
    }

    @Test
    void candidatesStayBoundedAsTopicsAccumulate() {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        // 5,000 topics that all share one common word
        for (int i = 0; i < 5000; i++) {
            index.add(i, f(T0.plusSeconds(i), true, "通知", "词" + i, "项" + i));
        }
        long t = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            index.decide(f(T0.plusSeconds(6000), true, "通知", "其他"));
        }
        long elapsedMs = (System.nanoTime() - t) / 1_000_000;
        // the common word's postings keep only the most recently active topics: topic 0 is no longer a candidate
        Long best = index.decide(f(T0.plusSeconds(5000), false, "通知")).topicId();
        assertThat(best).isNotNull().isGreaterThanOrEqualTo(5000L - TopicIndex.Params.defaults().postingsPerTerm());
        assertThat(elapsedMs).as("200 decisions against 5,000 topics").isLessThan(2000);
    }

    @Test
    void lateArrivalDoesNotMoveTheTopicsClockBack() {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        index.add(1, f(T0.plusSeconds(3600), true, "暴雨", "积水", "道路"));
        index.add(1, f(T0, true, "暴雨", "积水"));
        TopicIndex.Decision d = index.decide(f(T0.plusSeconds(3700), true, "暴雨", "积水", "道路"));
        assertThat(d.topicId()).isEqualTo(1L);
        assertThat(d.similarity()).isGreaterThan(0.9);
    }
}
