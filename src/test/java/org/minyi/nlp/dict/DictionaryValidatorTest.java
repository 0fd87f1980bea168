package org.minyi.nlp.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DictionaryValidatorTest {

    @Test
    void theShippedDictionariesPass() throws IOException {
        for (Map.Entry<String, DictionaryValidator.Format> e : DictionaryService.FILES.entrySet()) {
            String content = Files.readString(Path.of("dictionaries").resolve(e.getKey()), StandardCharsets.UTF_8);
            assertThat(DictionaryValidator.validate(e.getValue(), content)).as(e.getKey()).isEmpty();
        }
        try (var files = Files.list(Path.of("dictionaries/categories"))) {
            for (Path p : files.toList()) {
                assertThat(DictionaryValidator.validate(DictionaryValidator.Format.CATEGORY,
                        Files.readString(p, StandardCharsets.UTF_8))).as(p.toString()).isEmpty();
            }
        }
    }

    @Test
    void brokenLinesAreNamed() {
        List<DictionaryValidator.Problem> p = DictionaryValidator.validate(DictionaryValidator.Format.SENTIMENT,
                "# comment\n好\t2\n坏 -2\n糟\tbad\n烂\t-9\n好\t1\t2\n");
        assertThat(p).extracting(DictionaryValidator.Problem::line).containsExactly(3, 4, 5, 6);
        assertThat(p.get(0).reason()).contains("tab");
        assertThat(DictionaryValidator.validate(DictionaryValidator.Format.CUSTOM_WORDS, "海澄区 ns 2000\n新词 nz\n坏词 NS 1x\n"))
                .extracting(DictionaryValidator.Problem::line).containsExactly(3);
        assertThat(DictionaryValidator.validate(DictionaryValidator.Format.JURISDICTION,
                "海澄区\tdistrict\t\n澄湖街道\tstreet\t海澄区\n某村\tvillage\t不存在镇\n某地\tcity\t海澄区\n"))
                .extracting(DictionaryValidator.Problem::line).containsExactly(3, 4);
    }
}
