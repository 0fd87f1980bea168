package org.minyi.nlp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class TextAnalyzerTest {

    private final TextAnalyzer analyzer = Analyzers.get();

    @Test
    void placesResolveToCanonicalUnits() {
        Analysis a = analyzer.analyze("观澜小区门口的路灯坏了一个月，望潮街道什么时候来修？");
        assertThat(a.places()).contains(new PlaceMention("观澜小区", "观澜社区", "community"),
                new PlaceMention("望潮街道", "望潮街道", "street"));
        Analysis b = analyzer.analyze("石塘那边的渔港晚上很吵");
        assertThat(b.places()).contains(new PlaceMention("石塘", "石塘村", "village"));
    }

    @Test
    void otherPlacesAreKeptAsText() {
        Analysis a = analyzer.analyze("我从上海回到湖滨社区，发现门口堆满了垃圾");
        assertThat(a.places()).contains(new PlaceMention("湖滨社区", "湖滨社区", "community"));
        assertThat(a.places()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("上海");
            assertThat(p.unit()).isNull();
        });
    }

    @Test
    void categories() {
        assertThat(analyzer.analyze("工厂夜里偷排废水，河水发臭").categories()).contains("环境保护");
        assertThat(analyzer.analyze("包工头拖欠农民工工资，过年都回不了家").categories()).contains("劳动就业与外来务工");
        assertThat(analyzer.analyze("今天天气不错").categories()).containsExactly("其他");
        assertThat(analyzer.analyze("小区楼道堆满杂物，消防通道被堵，一旦起火后果不堪设想").categories())
                .contains("安全生产与消防");
    }

    @Test
    void keywordsAreContentWords() {
        Analysis a = analyzer.analyze("区住建局", "云帆街道启航小区的拆迁补偿标准一直没有公布，拆迁户多次到街道反映，拆迁补偿问题至今没有解决。");
        assertThat(a.keywords()).isNotEmpty().contains("拆迁").doesNotContain("的", "了", "，", "没有");
        assertThat(a.words()).contains("拆迁", "补偿").doesNotContain("的", "了");
        assertThat(a.summary()).isNotBlank();
        assertThat(a.categories()).contains("征地拆迁");
    }

    @Test
    void customWordsKeepSlangAndUnitsWhole() {
        Analysis a = analyzer.analyze("打工人天天内卷，区人社局管不管？");
        assertThat(a.words()).contains("内卷", "区人社局");
    }

    @Test
    void simhashDetectsNearDuplicates() {
        String text = "海韵社区三号楼下水道堵塞，污水漫到路面上，臭味很大，居民出行很不方便，希望尽快处理。";
        long a = analyzer.analyze(text).simhash();
        long b = analyzer.analyze(text.replace("希望尽快处理", "希望有关部门尽快处理！")).simhash();
        long c = analyzer.analyze("蓝港镇今年的渔业丰收节将在十月举办，欢迎游客前来品尝海鲜。").simhash();
        assertThat(SimHash.distance(a, b)).isLessThan(SimHash.distance(a, c));
        assertThat(SimHash.distance(a, b)).isLessThanOrEqualTo(12);
    }

    @Test
    void titleAndContent() {
        Analysis a = analyzer.analyze("投诉：小区噪音扰民", "晚上十一点还在施工");
        assertThat(a.sentiment().label()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(a.summary()).isNotBlank();
    }

    @Test
    void oddInputNeverThrows() {
        for (String s : new String[]{null, "", "   ", "\n\t", "😂😂😂", "👍", "[赞]", "ok", "hello world 123",
                "這是繁體字的內容", "中文English混合mixed 文本 ١٢٣ русский", "!!!???。。。", "@某某 //@某某:"}) {
            Analysis a = analyzer.analyze(s);
            assertThat(a).isNotNull();
            assertThat(a.sentiment().label()).isIn(Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE);
            assertThat(a.categories()).isNotEmpty();
        }
        assertThat(analyzer.analyze("").sentiment()).isEqualTo(new Sentiment(Sentiment.NEUTRAL, 0.0, List.of()));
        assertThat(analyzer.analyze("😂😂😂").keywords()).isEmpty();
        assertThat(analyzer.analyze(null, null).words()).isEmpty();
    }

    @Test
    void longTextIsCut() {
        TextAnalyzer small = new TextAnalyzer(analyzer.resources(), 50);
        Analysis a = small.analyze("满意。".repeat(15) + "垃圾".repeat(1000));
        assertThat(a.sentiment().label()).isEqualTo(Sentiment.POSITIVE);
    }

    @Test
    void sensitivePhrases() {
        assertThat(analyzer.sensitivePhrases("蓝港镇一化工厂发生爆炸，有人被困")).contains("爆炸", "被困");
        assertThat(analyzer.sensitivePhrases("今天天气不错")).isEmpty();
    }

    @Test
    void threadSafe() throws Exception {
        String[] texts = {"这家酒店服务很差", "工厂偷排废水，河水发臭", "非常满意，感谢社区", "观澜社区停水三天没人管"};
        List<Analysis> expected = new ArrayList<>();
        for (String t : texts) {
            expected.add(analyzer.analyze(t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int k = i % texts.length;
                futures.add(pool.submit(() -> analyzer.analyze(texts[k]).equals(expected.get(k))));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
