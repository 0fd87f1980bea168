package org.minyi.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minyi.common.JsonText;
import org.minyi.nlp.PlaceMention;
import org.minyi.routing.rule.PostFacts;
import org.minyi.routing.rule.RoutingRule;
import org.minyi.routing.rule.RulePolicy;
import org.minyi.routing.unit.OrgUnit;
import org.minyi.routing.unit.UnitKind;

/** The rule conditions as plain functions, without the service. */
class RulePolicyTest {

    static OrgUnit unit(long id, String name, UnitKind kind, Long parent) {
        OrgUnit u = new OrgUnit();
        u.id = id;
        u.name = name;
        u.kind = kind;
        u.parentId = parent;
        u.createdAt = Instant.EPOCH;
        return u;
    }

    static final RulePolicy.Units UNITS = RulePolicy.Units.of(List.of(
            unit(1, "海澄区", UnitKind.DISTRICT, null),
            unit(2, "澄湖街道", UnitKind.STREET, 1L),
            unit(3, "湖滨社区", UnitKind.COMMUNITY, 2L),
            unit(4, "青屿镇", UnitKind.TOWN, 1L),
            unit(5, "石塘村", UnitKind.VILLAGE, 4L),
            unit(6, "生态环境分局", UnitKind.DEPARTMENT, 1L)));

    static PostFacts facts(List<String> categories, List<PlaceMention> places, String source, double score, String text) {
        return new PostFacts(null, null, text, source, categories, places, score < 0 ? "negative" : "neutral", score);
    }

    static RoutingRule rule() {
        RoutingRule r = new RoutingRule();
        r.id = 9L;
        r.name = "r";
        r.targetUnits = JsonText.write(List.of("生态环境分局"));
        return r;
    }

    static final PlaceMention HUBIN = new PlaceMention("湖滨", "湖滨社区", "community");
    static final PlaceMention CHENGHU = new PlaceMention("澄湖", "澄湖街道", "street");

    @Test
    void everyConditionMustHoldAndTheReasonNamesEach() {
        RoutingRule r = rule();
        r.categories = JsonText.write(List.of("环境保护"));
        r.places = JsonText.write(List.of("澄湖街道"));
        r.keywords = JsonText.write(List.of("污水"));
        r.sources = JsonText.write(List.of("论坛"));
        r.maxSentiment = -0.3;
        PostFacts yes = facts(List.of("环境保护"), List.of(HUBIN), "论坛", -0.6, "排放污水");
        RulePolicy.Verdict v = RulePolicy.evaluate(r, yes, UNITS);
        assertThat(v.holds()).isTrue();
        assertThat(v.reason()).contains("类别 环境保护", "地点 湖滨（湖滨社区）", "关键词 污水", "来源 论坛", "情感 -0.60 ≤ -0.30");
        assertThat(v.targets()).extracting(u -> u.name).containsExactly("生态环境分局");

        assertThat(RulePolicy.evaluate(r, facts(List.of("城市管理"), List.of(HUBIN), "论坛", -0.6, "排放污水"), UNITS).holds()).isFalse();
        assertThat(RulePolicy.evaluate(r, facts(List.of("环境保护"), List.of(new PlaceMention("石塘", "石塘村", "village")), "论坛", -0.6, "排放污水"), UNITS).holds())
                .as("a place outside 澄湖街道").isFalse();
        assertThat(RulePolicy.evaluate(r, facts(List.of("环境保护"), List.of(HUBIN), "论坛", -0.6, "垃圾"), UNITS).holds()).isFalse();
        assertThat(RulePolicy.evaluate(r, facts(List.of("环境保护"), List.of(HUBIN), "新闻", -0.6, "排放污水"), UNITS).holds()).isFalse();
        assertThat(RulePolicy.evaluate(r, facts(List.of("环境保护"), List.of(HUBIN), "论坛", 0.2, "排放污水"), UNITS).holds()).isFalse();
        assertThat(v.targets()).isNotEmpty();
        assertThat(RulePolicy.evaluate(r, facts(List.of("环境保护"), List.of(HUBIN), "论坛", 0.2, "排放污水"), UNITS).targets()).isEmpty();
    }

    @Test
    void placeRoutingPicksTheMostSpecificNamedUnitAndNeverTheDistrict() {
        RoutingRule r = rule();
        r.targetUnits = null;
        r.toPlace = true;
        assertThat(RulePolicy.evaluate(r, facts(List.of(), List.of(CHENGHU, HUBIN), null, 0, ""), UNITS).targets())
                .extracting(u -> u.name).containsExactly("湖滨社区");
        assertThat(RulePolicy.evaluate(r, facts(List.of(), List.of(CHENGHU), null, 0, ""), UNITS).targets())
                .extracting(u -> u.name).containsExactly("澄湖街道");
        RulePolicy.Verdict district = RulePolicy.evaluate(r, facts(List.of(), List.of(new PlaceMention("海澄", "海澄区", "district"),
                new PlaceMention("外地", null, null)), null, 0, ""), UNITS);
        assertThat(district.holds()).isFalse();
        assertThat(district.targets()).isEmpty();
    }

    @Test
    void aRuleWithoutConditionsHoldsForEveryPost() {
        RulePolicy.Verdict v = RulePolicy.evaluate(rule(), facts(List.of(), List.of(), null, 0, "任何内容"), UNITS);
        assertThat(v.holds()).isTrue();
        assertThat(v.reason()).isEqualTo("无条件");
    }

    @Test
    void deadlineClocksAreDurationsOrWorkingDays() {
        WorkCalendar cal = WorkCalendar.parse(WorkCalendar.class.getResourceAsStream("/calendar/cn-workdays.csv"),
                java.time.ZoneId.of("Asia/Shanghai"));
        Instant start = Instant.parse("2025-09-30T02:00:00Z");
        assertThat(Deadlines.plus(cal, start, "PT5H")).isEqualTo(Instant.parse("2025-09-30T07:00:00Z"));
        assertThat(Deadlines.plus(cal, start, "7WD")).isEqualTo(Instant.parse("2025-10-16T02:00:00Z"));
        assertThat(Deadlines.plus(cal, start, "1wd")).isEqualTo(Instant.parse("2025-10-09T02:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Deadlines.plus(cal, start, "five hours"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7WD");
    }

    @Test
    void gradesGoUpOneStepAndStopAtTheTop() {
        assertThat(Grade.GENERAL.up(1)).isEqualTo(Grade.LARGER);
        assertThat(Grade.MAJOR.up(3)).isEqualTo(Grade.EXTRAORDINARY);
        assertThat(Grade.parse("特别重大")).contains(Grade.EXTRAORDINARY);
        assertThat(Grade.parse("major")).contains(Grade.MAJOR);
        assertThat(Grade.parse("严重")).isEmpty();
    }
}
