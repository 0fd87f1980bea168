package org.minyi.nlp;

import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds places in a text: jurisdiction units by name or alias (longest match, resolved to the
 * canonical unit) and other place names from HanLP's {@code ns} terms, kept as text.
 * Immutable and thread-safe.
 */
public class PlaceRecognizer {

    private final Map<String, NlpResources.Unit> names = new HashMap<>();
    private final DictTrie<NlpResources.Unit> trie = new DictTrie<>();

    public PlaceRecognizer(NlpResources resources) {
        for (NlpResources.Unit u : resources.jurisdiction()) {
            names.put(u.name(), u);
        }
        for (NlpResources.Unit u : resources.jurisdiction()) {
            for (String a : u.aliases()) {
                names.putIfAbsent(a, u);   // a real name wins over another unit's alias
            }
        }
        names.forEach(trie::put);
    }

    /** Places in {@code text}; {@code terms} (may be empty) supply other {@code ns} place names. */
    public List<PlaceMention> recognize(String text, List<Term> terms) {
        List<PlaceMention> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean[] covered = new boolean[text.length()];
        for (int i = 0; i < text.length(); ) {
            int found = 0;
            int l = trie.longestAt(text, i);
            if (l >= 2) {
                NlpResources.Unit u = trie.get(text.substring(i, i + l));
                {
                    String name = text.substring(i, i + l);
                    if (seen.add(name)) {
                        out.add(new PlaceMention(name, u.name(), u.level()));
                    }
                    for (int k = i; k < i + l; k++) {
                        covered[k] = true;
                    }
                    found = l;
                }
            }
            i += found > 0 ? found : 1;
        }
        if (terms != null) {
            for (Term t : terms) {
                if (t.nature == null || !t.nature.startsWith("ns") || t.word.length() < 2) {
                    continue;
                }
                int off = t.offset;
                boolean overlaps = off >= 0 && off < covered.length && covered[off];
                if (!overlaps && !names.containsKey(t.word) && seen.add(t.word)) {
                    out.add(new PlaceMention(t.word, null, null));
                }
            }
        }
        return out;
    }
}
