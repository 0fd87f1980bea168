package org.minyi.nlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The project's dictionaries, read from a directory (see {@code dictionaries/README.md}).
 * Immutable once loaded; a reload builds a new instance.
 */
public final class NlpResources {

    /** One custom word for HanLP: word, nature and frequency. */
    public record CustomWord(String word, String nature, int freq) {
    }

    /** One jurisdiction unit with its aliases. */
    public record Unit(String name, String level, String parent, List<String> aliases) {
    }

    private final List<CustomWord> customWords;
    private final List<Unit> jurisdiction;
    private final Set<String> stopwords;
    private final Map<String, Double> sentiment;
    private final Set<String> negations;
    private final Map<String, Double> degrees;
    private final Set<String> contrasts;
    private final Set<String> concessives;
    private final Map<String, Double> emoticons;
    private final List<String> sensitive;
    private final Map<String, Map<String, Double>> categories;

    public NlpResources(List<CustomWord> customWords, List<Unit> jurisdiction, Set<String> stopwords,
                        Map<String, Double> sentiment, Set<String> negations, Map<String, Double> degrees,
                        Set<String> contrasts, Set<String> concessives, Map<String, Double> emoticons,
                        List<String> sensitive, Map<String, Map<String, Double>> categories) {
        this.customWords = List.copyOf(customWords);
        this.jurisdiction = List.copyOf(jurisdiction);
        this.stopwords = Collections.unmodifiableSet(new LinkedHashSet<>(stopwords));
        this.sentiment = Collections.unmodifiableMap(new LinkedHashMap<>(sentiment));
        this.negations = Collections.unmodifiableSet(new LinkedHashSet<>(negations));
        this.degrees = Collections.unmodifiableMap(new LinkedHashMap<>(degrees));
        this.contrasts = Collections.unmodifiableSet(new LinkedHashSet<>(contrasts));
        this.concessives = Collections.unmodifiableSet(new LinkedHashSet<>(concessives));
        this.emoticons = Collections.unmodifiableMap(new LinkedHashMap<>(emoticons));
        this.sensitive = List.copyOf(sensitive);
        Map<String, Map<String, Double>> cats = new TreeMap<>();
        categories.forEach((k, v) -> cats.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.categories = Collections.unmodifiableMap(cats);
    }

    /** Reads every dictionary file from {@code dir}; a missing file gives an empty list. */
    public static NlpResources load(Path dir) {
        List<CustomWord> custom = new ArrayList<>();
        for (String line : lines(dir.resolve("custom-words.txt"))) {
            String[] p = line.split("\\s+");
            String nature = p.length > 1 ? p[1] : "nz";
            int freq = 1000;
            if (p.length > 2) {
                try {
                    freq = Integer.parseInt(p[2]);
                } catch (NumberFormatException e) {
                    freq = 1000;
                }
            }
            custom.add(new CustomWord(p[0], nature, freq));
        }
        List<Unit> units = new ArrayList<>();
        for (String line : lines(dir.resolve("jurisdiction.txt"))) {
            String[] p = line.split("\t", -1);
            if (p[0].isBlank()) {
                continue;
            }
            List<String> aliases = new ArrayList<>();
            if (p.length > 3) {
                for (String a : p[3].split("[,，]")) {
                    if (!a.isBlank()) {
                        aliases.add(a.strip());
                    }
                }
            }
            units.add(new Unit(p[0].strip(), p.length > 1 ? p[1].strip() : "community",
                    p.length > 2 && !p[2].isBlank() ? p[2].strip() : null, aliases));
        }
        Map<String, Map<String, Double>> cats = new TreeMap<>();
        Path catDir = dir.resolve("categories");
        if (Files.isDirectory(catDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(catDir, "*.txt")) {
                for (Path f : ds) {
                    String name = f.getFileName().toString().replaceFirst("\\.txt$", "");
                    cats.put(name, weighted(f, 1.0));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new NlpResources(custom, units, new LinkedHashSet<>(lines(dir.resolve("stopwords.txt"))),
                weighted(dir.resolve("sentiment.txt"), 0.0), new LinkedHashSet<>(lines(dir.resolve("negation.txt"))),
                weighted(dir.resolve("degree.txt"), 1.0), new LinkedHashSet<>(lines(dir.resolve("contrast.txt"))),
                new LinkedHashSet<>(lines(dir.resolve("concessive.txt"))), weighted(dir.resolve("emoticons.txt"), 0.0),
                lines(dir.resolve("sensitive.txt")), cats);
    }

    /** An empty set of resources (no dictionaries): analysis still works, finding little. */
    public static NlpResources empty() {
        return new NlpResources(List.of(), List.of(), Set.of(), Map.of(), Set.of(), Map.of(), Set.of(), Set.of(),
                Map.of(), List.of(), Map.of());
    }

    /** Non-blank, non-comment lines of a UTF-8 file, stripped; empty when the file does not exist. */
    static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                out.add(s);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code word<TAB>number} lines; a missing number gives {@code defaultWeight}. */
    static Map<String, Double> weighted(Path file, double defaultWeight) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] p = line.split("\t");
            String word = p[0].strip();
            double w = defaultWeight;
            if (p.length > 1) {
                try {
                    w = Double.parseDouble(p[1].strip());
                } catch (NumberFormatException e) {
                    w = defaultWeight;
                }
            }
            if (!word.isEmpty()) {
                out.put(word, w);
            }
        }
        return out;
    }

    public List<CustomWord> customWords() { return customWords; }
    public List<Unit> jurisdiction() { return jurisdiction; }
    public Set<String> stopwords() { return stopwords; }
    public Map<String, Double> sentiment() { return sentiment; }
    public Set<String> negations() { return negations; }
    public Map<String, Double> degrees() { return degrees; }
    public Set<String> contrasts() { return contrasts; }
    public Set<String> concessives() { return concessives; }
    public Map<String, Double> emoticons() { return emoticons; }
    public List<String> sensitive() { return sensitive; }
    public Map<String, Map<String, Double>> categories() { return categories; }
}
