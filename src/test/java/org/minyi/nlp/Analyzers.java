package org.minyi.nlp;

import java.nio.file.Path;

/** One analyser for all tests (dictionaries from the worktree's {@code dictionaries/}). */
final class Analyzers {
    static final Path DICT = Path.of("dictionaries");
    private static TextAnalyzer analyzer;

    private Analyzers() {
    }

    static synchronized TextAnalyzer get() {
        if (analyzer == null) {
            analyzer = NlpProducer.standalone(DICT, 100_000);
        }
        return analyzer;
    }
}
