package org.minyi.nlp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the Chinese text-analysis core ({@code minyi.nlp.*}). */
@ConfigMapping(prefix = "minyi.nlp")
public interface NlpConfig {

    /**
     * Directory holding the project's dictionaries (custom words, jurisdiction, sentiment lexicon,
     * category keywords ...; see {@code dictionaries/README.md}). A relative path is resolved against
     * the working directory of the process.
     */
    @WithDefault("dictionaries")
    String dictionaryDir();

    /**
     * Longest text, in characters, that is analysed; longer texts are cut to this length before
     * analysis so that a huge page cannot stall the pipeline.
     */
    @WithDefault("100000")
    int maxTextLength();
}
