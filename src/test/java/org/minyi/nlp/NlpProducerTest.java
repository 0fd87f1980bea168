package org.minyi.nlp;

import com.hankcs.hanlp.dictionary.CustomDictionary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NlpProducerTest {

    @Test
    void reloadSwapsDictionariesAndRemovesOldWords(@TempDir Path dir) throws IOException {
        write(dir, "custom-words.txt", "澄湾测试词甲 nz 1000\n");
        write(dir, "jurisdiction.txt", "测试甲社区\tcommunity\t测试街道\t甲社区别名\n");
        write(dir, "sentiment.txt", "满意\t2\n");
        NlpProducer p = new NlpProducer(dir, 1000);
        try {
            TextAnalyzer a = p.analyzer();
            assertThat(CustomDictionary.contains("澄湾测试词甲")).isTrue();
            assertThat(a.analyze("甲社区别名的居民很满意").places())
                    .contains(new PlaceMention("甲社区别名", "测试甲社区", "community"));

            write(dir, "custom-words.txt", "澄湾测试词乙 nz 1000\n");
            write(dir, "jurisdiction.txt", "测试乙社区\tcommunity\t测试街道\t乙社区别名\n");
            p.reload();
            assertThat(CustomDictionary.contains("澄湾测试词甲")).isFalse();
            assertThat(CustomDictionary.contains("澄湾测试词乙")).isTrue();
            assertThat(p.analyzer()).isSameAs(a);
            assertThat(a.analyze("甲社区别名的居民").places()).noneMatch(m -> "测试甲社区".equals(m.unit()));
            assertThat(a.analyze("乙社区别名的居民").places())
                    .contains(new PlaceMention("乙社区别名", "测试乙社区", "community"));
        } finally {
            // put the project's words back for other tests in this JVM
            new NlpProducer(Analyzers.DICT, 100_000);
            Analyzers.get().reload(NlpResources.load(Analyzers.DICT));
        }
    }

    @Test
    void missingDirectoryStillWorks(@TempDir Path dir) {
        NlpProducer p = new NlpProducer(dir.resolve("nope"), 1000);
        try {
            assertThat(p.analyzer().analyze("服务很好").sentiment().label()).isEqualTo(Sentiment.NEUTRAL);
        } finally {
            new NlpProducer(Analyzers.DICT, 100_000);
        }
    }

    private static void write(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
