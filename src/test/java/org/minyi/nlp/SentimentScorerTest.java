package org.minyi.nlp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentScorerTest {

    private final TextAnalyzer analyzer = Analyzers.get();

    private Sentiment s(String text) {
        return analyzer.sentiment(text);
    }

    @Test
    void negatedPraiseIsNegativeAndExplained() {
        Sentiment s = s("不满意");
        assertThat(s.label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s.score()).isLessThan(0);
        assertThat(s.explanation()).anySatisfy(e -> assertThat(e).contains("满意").contains("negated by 不"));
    }

    @Test
    void degreeIntensifies() {
        Sentiment plain = s("满意");
        Sentiment strong = s("非常满意");
        assertThat(plain.label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(strong.label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(strong.score()).isGreaterThan(plain.score());
    }

    @Test
    void doubleNegationIsNotNegative() {
        assertThat(s("不是不好").label()).isNotEqualTo(Sentiment.NEGATIVE);
        assertThat(s("不是不好").score()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void clauseAfterContrastWins() {
        assertThat(s("虽然价格贵，但是服务很好").label()).isEqualTo(Sentiment.POSITIVE);
        Sentiment s = s("服务很好，但是太贵了");
        assertThat(s.score()).isLessThan(0);
        assertThat(s.label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void rhetoricalQuestionIsNegative() {
        assertThat(s("难道就没人管吗？").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("凭什么让我们等三个月？").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void emoticonsAndEmoji() {
        assertThat(s("[怒]").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("😡").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("[赞]").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s("今天去了区政务中心[赞]").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s("👍👍").label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void traditionalChinese() {
        assertThat(s("這家酒店服務很差").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void complaintsLeanNegative() {
        assertThat(s("我们小区又停电了，楼上漏水也没人管").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("工地夜里施工噪音太大，根本睡不着").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("老板拖欠工资半年了").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void exclamationIntensifies() {
        assertThat(s("太差了！！").score()).isLessThan(s("太差了").score());
    }

    @Test
    void neutralWhenNothingFound() {
        Sentiment s = s("明天上午九点在社区活动室开会");
        assertThat(s.label()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(s.score()).isZero();
    }

    @Test
    void blockersStopFalseMatches() {
        // 好像, 出差, 美国 contain sentiment characters but are neutral
        assertThat(s("他好像去美国出差了").label()).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void scoreStaysInRange() {
        Sentiment s = s("太棒了！非常满意！强烈推荐！完美！超赞！！！".repeat(20));
        assertThat(s.score()).isBetween(-1.0, 1.0).isGreaterThan(0.9);
    }
}
