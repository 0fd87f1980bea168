package org.minyi.nlp;

import com.hankcs.hanlp.HanLP;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * The single CDI entry point of the NLP core and the only place that touches {@code HanLP.Config}:
 * configures HanLP (no term natures in {@code toString}, no debug output), loads the project's
 * dictionaries (custom words go into HanLP's in-memory {@code CustomDictionary}; HanLP's root is
 * never pointed at a folder), warms the segmenter up at start-up, produces the {@link TextAnalyzer}
 * and reloads the dictionaries on demand.
 */
@Startup
@ApplicationScoped
public class NlpProducer {

    private static final Logger LOG = Logger.getLogger(NlpProducer.class);
    private static final String[] WARM_UP = {
            "海澄区望潮街道观澜社区夜里施工噪音扰民，多次投诉没人管。",
            "這家酒店服務很差，房間也不乾淨。",
            "工厂偷排废水，河水发臭，希望区生态环境分局尽快处理！",
            "感谢社区网格员的耐心帮助[赞]",
    };

    private final Path dictionaryDir;
    private final int maxTextLength;
    private volatile TextAnalyzer analyzer;

    @Inject
    public NlpProducer(NlpConfig config) {
        this(Path.of(config.dictionaryDir()), config.maxTextLength());
    }

    /** Without CDI (evaluation, tests). */
    public NlpProducer(Path dictionaryDir, int maxTextLength) {
        this.dictionaryDir = dictionaryDir;
        this.maxTextLength = maxTextLength;
        configureHanLp();
        NlpResources resources = loadResources();
        this.analyzer = new TextAnalyzer(resources, maxTextLength);
        warmUp(analyzer);
    }

    /** Global HanLP settings for this process. Idempotent. */
    public static synchronized void configureHanLp() {
        HanLP.Config.ShowTermNature = false;
        HanLP.Config.enableDebug(false);
    }

    /** Analyser for the dictionaries in {@code dir}, configured like the CDI one (for main classes and tests). */
    public static TextAnalyzer standalone(Path dir, int maxTextLength) {
        return new NlpProducer(dir, maxTextLength).analyzer();
    }

    private NlpResources loadResources() {
        long t0 = System.nanoTime();
        NlpResources resources = NlpResources.load(dictionaryDir);
        int n = CustomWords.replace(resources.customWords());
        LOG.infof("NLP dictionaries loaded from %s: %d custom words, %d jurisdiction units, %d sentiment entries, "
                        + "%d categories in %d ms", dictionaryDir.toAbsolutePath(), n, resources.jurisdiction().size(),
                resources.sentiment().size(), resources.categories().size(), (System.nanoTime() - t0) / 1_000_000);
        if (resources.sentiment().isEmpty()) {
            LOG.warnf("No sentiment lexicon found in %s (minyi.nlp.dictionary-dir)", dictionaryDir.toAbsolutePath());
        }
        return resources;
    }

    private static void warmUp(TextAnalyzer a) {
        for (String s : WARM_UP) {
            a.analyze(s);
        }
    }

    /** The analyser (same instance across reloads; its dictionaries are swapped in place). */
    @Produces
    @ApplicationScoped
    public TextAnalyzer analyzer() {
        return analyzer;
    }

    /** Re-reads every dictionary file and swaps them in; custom words no longer listed are removed from HanLP. */
    public synchronized NlpResources reload() {
        NlpResources resources = loadResources();
        analyzer.reload(resources);
        return resources;
    }

    public Path dictionaryDir() {
        return dictionaryDir;
    }

    public int maxTextLength() {
        return maxTextLength;
    }
}
