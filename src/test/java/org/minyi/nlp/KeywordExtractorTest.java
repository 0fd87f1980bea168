package org.minyi.nlp;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordExtractorTest {

    @Test
    void centralWordRanksFirst() {
        KeywordExtractor k = new KeywordExtractor();
        List<String> words = List.of("垃圾", "清运", "小区", "垃圾", "堆放", "垃圾", "臭味", "居民", "垃圾", "投诉");
        assertThat(k.keywords(words, 3)).hasSize(3).startsWith("垃圾");
        assertThat(k.keywords(List.of(), 5)).isEmpty();
    }
}
