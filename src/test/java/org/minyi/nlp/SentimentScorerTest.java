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

    @Test
    void expectationClauseCountsLittleAndTheOutcomeWins() {
        // what was expected (很好) is not what happened (很失望)
        Sentiment s = s("本以为这家店很好，结果让人很失望");
        assertThat(s.label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s.explanation()).anySatisfy(e -> assertThat(e).startsWith("expectation 本以为"));
        // the turn word closes the expectation clause even without a comma
        assertThat(s("原以为会很难用没想到非常顺手").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s("还以为质量很差，没想到做工挺扎实的").label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void conditionalPraiseIsAWishNotPraise() {
        Sentiment s = s("如果价格再便宜一点就好了");
        assertThat(s.label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s.explanation()).anySatisfy(e -> assertThat(e).startsWith("wish"));
        assertThat(s("要是能带个蓝牙就更完美了").label()).isEqualTo(Sentiment.NEGATIVE);
        // a conditional clause hardly counts; the main clause decides
        assertThat(s("如果你不满意，他们会给你换，服务真的很周到").label()).isEqualTo(Sentiment.POSITIVE);
        // 主要是 contains 要是 but is no conditional
        assertThat(s("主要是环境很好").label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void onlyFlawIsMinor() {
        Sentiment s = s("房间干净，服务热情，唯一的缺点是停车不太方便");
        assertThat(s.label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s.explanation()).anySatisfy(e -> assertThat(e).contains("minor flaw"));
        assertThat(s("屏幕清晰，键盘手感好，美中不足的是电池续航短").label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void summaryClauseWeighsMore() {
        Sentiment s = s("早餐一般，位置有点偏，总的来说还是很满意的");
        assertThat(s.label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s.explanation()).anySatisfy(e -> assertThat(e).contains("summary x1.5"));
    }

    @Test
    void softenedNegationFlipsLess() {
        double plain = s("服务不好").score();
        double soft = s("服务不太好").score();
        assertThat(soft).isLessThan(0);
        assertThat(soft).isGreaterThan(plain);
        assertThat(s("不是很满意").explanation()).anySatisfy(e -> assertThat(e).contains("softly negated"));
    }

    @Test
    void stackedDegreeIsCapped() {
        // 最最 must not make one word outweigh a whole complaint
        assertThat(s("最最实用").explanation()).anySatisfy(e -> assertThat(e).contains("x2 by 最最"));
        assertThat(s("送的东西太少了，最最实用的鼠标都不送，差评").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void spacesBetweenChineseSeparateClauses() {
        // 没有 must not reach across the space and flip 不知如何
        Sentiment s = s("降价了也没有通知我 没有退款 不知如何是好");
        assertThat(s.label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void comparativesAndNeverAgain() {
        assertThat(s("这家的菜比以前差远了").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("新版的翻译还不如旧版").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("换了新系统以后流畅多了，比原来强多了").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s("早餐另收费，上网也收费，下次再也不住了").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("奉劝各位慎买").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void tooMuchOfAPlainQualityIsAComplaint() {
        assertThat(s("这本子有点沉").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("字体太小了，纸也过于薄").label()).isEqualTo(Sentiment.NEGATIVE);
        // but not 有些小朋友 or 有太多的感动
        assertThat(s("有些小朋友在楼下玩").label()).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void resultativeHaoIsNotPraise() {
        // 装好 is "installed", 看完了 is "finished reading"
        assertThat(s("系统装好了，书也看完了").label()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(s("弄了一个星期都没装好").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void reviewVocabulary() {
        assertThat(s("情节拖沓，翻译生硬，错别字多").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("文笔细腻，娓娓道来，发人深省").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s("风扇声大，掉电快，做工粗糙").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("前台彬彬有礼，房间一尘不染").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s("设施老化，有霉味，隔音效果差").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void wishWithoutConditionalOpener() {
        // 能/再/点 before 就好了 mark a wish for something missing; the 好 inside is no praise
        Sentiment s = s("送的包太大，能换个小一点的就好啦");
        assertThat(s.label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s.explanation()).noneSatisfy(e -> assertThat(e).startsWith("好("));
        // a plain 就好了 without any cue is left alone
        assertThat(s("你来了就好了").explanation()).noneSatisfy(e -> assertThat(e).startsWith("wish"));
    }

    @Test
    void ironicQuestionsAndSarcasm() {
        assertThat(s("这种书也能推荐？").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("出了这么大的事还好意思发通告").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("排了三个小时的队，我也是服了").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("改个名字就叫创新，真是厉害了").label()).isEqualTo(Sentiment.NEGATIVE);
    }

    @Test
    void hedgesWeaken() {
        assertThat(s("似乎不错").score()).isGreaterThan(0).isLessThan(s("不错").score());
        assertThat(s("也许有点问题").score()).isLessThan(0).isGreaterThan(s("有点问题").score());
        assertThat(s("好像有点贵").score()).isLessThan(0).isGreaterThan(s("有点贵").score());
    }

    @Test
    void flawWordThatIsNegativeStillCounts() {
        Sentiment s = s("机身是钢琴漆的，小小遗憾");
        assertThat(s.label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s.explanation()).anySatisfy(e -> assertThat(e).contains("minor flaw x0.5"));
    }

    @Test
    void durabilityAndIdioms() {
        assertThat(s("白色外壳不耐脏").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("这包很耐磨，经久耐用").label()).isEqualTo(Sentiment.POSITIVE);
        assertThat(s("便宜没好货，散热也不行").label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(s("房间布置得恰到好处，服务无微不至").label()).isEqualTo(Sentiment.POSITIVE);
        // 那样会更开心 is a hypothetical consequence, not joy
        assertThat(s("还是有点贵，最好再送个包，那样会更开心").label()).isEqualTo(Sentiment.NEGATIVE);
    }
}
