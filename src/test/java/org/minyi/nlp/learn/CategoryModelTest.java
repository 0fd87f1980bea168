package org.minyi.nlp.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minyi.nlp.CategoryClassifier;
import org.minyi.nlp.NlpProducer;
import org.minyi.nlp.TextAnalyzer;

/** The learned category layer: multi-label, blended with the keyword lists, 其他 when nothing fits. */
class CategoryModelTest {

    @Test
    void learnsCategoriesFromExamplesAndFallsBackToOther() {
        TextAnalyzer analyzer = NlpProducer.standalone(Path.of("dictionaries"), 100_000);
        List<ModelTraining.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            samples.add(new ModelTraining.Sample(List.of("交通出行"), "呼噜巴士第" + i + "班又没来，站台挤满了人", 1f));
            samples.add(new ModelTraining.Sample(List.of("教育", "食品药品安全"), "嘟嘟园第" + i + "次给小朋友吃了过期零食", 1f));
            samples.add(new ModelTraining.Sample(List.of(CategoryClassifier.OTHER), "今天第" + i + "次看到彩虹，心情不错", 1f));
        }
        ModelTraining.Result r = ModelTraining.trainCategories(analyzer, samples, LearnDefaults.categoryParams(), (p, n) -> { });
        assertThat(r.model().classes()).containsExactly("交通出行", "教育", "食品药品安全");
        CategoryModel model = new CategoryModel(r.model(), 1000, 100, 0.9, CategoryClassifier.DEFAULT_THRESHOLD);
        assertThat(model.classify(analyzer.prepare("呼噜巴士今天又没来"))).containsExactly("交通出行");
        assertThat(model.classify(analyzer.prepare("嘟嘟园又给小朋友吃过期零食"))).containsExactlyInAnyOrder("教育", "食品药品安全");
        assertThat(model.classify(analyzer.prepare("看到彩虹了"))).containsExactly(CategoryClassifier.OTHER);
        analyzer.useModels(new LearnedModels(null, model));
        assertThat(analyzer.analyze("呼噜巴士今天又没来").categories()).containsExactly("交通出行");
        LinearModel copy = LinearModel.deserialize(r.model().serialize());
        assertThat(copy.multiLabel()).isTrue();
    }
}
