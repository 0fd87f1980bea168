package org.minyi.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryClassifierTest {

    private static NlpResources resources(Map<String, Map<String, Double>> cats) {
        return new NlpResources(List.of(), List.of(), Set.of(), Map.of(), Set.of(), Map.of(), Set.of(), Set.of(),
                Map.of(), List.of(), cats);
    }

    @Test
    void thresholdAndMultiLabel() {
        CategoryClassifier c = new CategoryClassifier(resources(Map.of(
                "环境保护", Map.of("污水", 3.0, "臭", 1.0),
                "交通出行", Map.of("堵车", 3.0, "路", 1.0),
                "其他", Map.of("天气", 1.0))), 3.0);
        assertThat(c.classify("路上有点臭")).containsExactly("其他");
        assertThat(c.classify("污水流到路上，堵车了")).containsExactlyInAnyOrder("环境保护", "交通出行");
        assertThat(c.classify("污水污水污水")).containsExactly("环境保护");
        assertThat(c.scores("污水污水污水")).containsEntry("环境保护", 3.0);
        assertThat(c.classify("今天天气不错")).containsExactly("其他");
    }
}
