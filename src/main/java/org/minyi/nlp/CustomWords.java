package org.minyi.nlp;

import com.hankcs.hanlp.dictionary.CustomDictionary;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the project's custom words into HanLP's (process-wide, in-memory) {@link CustomDictionary}
 * and takes them out again on reload. HanLP's own dictionary files are never rewritten.
 * Synchronised: one loader per process is expected.
 */
public final class CustomWords {

    private static final List<String> inserted = new ArrayList<>();

    private CustomWords() {
    }

    /** Removes the words inserted by the previous call, then inserts {@code words}; returns how many were inserted. */
    public static synchronized int replace(List<NlpResources.CustomWord> words) {
        for (String w : inserted) {
            CustomDictionary.remove(w);
        }
        inserted.clear();
        for (NlpResources.CustomWord w : words) {
            if (w.word().isBlank()) {
                continue;
            }
            CustomDictionary.insert(w.word(), w.nature() + " " + Math.max(1, w.freq()));
            inserted.add(w.word());
        }
        return inserted.size();
    }

    /** Words currently inserted by this class. */
    public static synchronized List<String> current() {
        return List.copyOf(inserted);
    }
}
