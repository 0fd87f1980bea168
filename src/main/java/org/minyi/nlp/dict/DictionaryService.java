package org.minyi.nlp.dict;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.minyi.common.ApiException;
import org.minyi.nlp.NlpProducer;
import org.minyi.nlp.NlpResources;
import org.minyi.nlp.TextAnalyzer;

/**
 * Editing of the dictionary files at run time. A save is checked twice before anything changes: line by line
 * ({@link DictionaryValidator}), then by loading the whole dictionary set with the candidate from a temporary copy
 * and building an analyser from it. Only then is the file replaced (atomic move), the dictionaries reloaded
 * ({@link NlpProducer#reload()}) and the change recorded with a summary of the diff.
 */
@ApplicationScoped
public class DictionaryService {

    @jakarta.inject.Inject
    org.minyi.audit.AuditLog audit;


    /** The editable top-level files and their formats; {@code categories/*.txt} are CATEGORY files. */
    static final Map<String, DictionaryValidator.Format> FILES = new LinkedHashMap<>();

    static {
        FILES.put("custom-words.txt", DictionaryValidator.Format.CUSTOM_WORDS);
        FILES.put("jurisdiction.txt", DictionaryValidator.Format.JURISDICTION);
        FILES.put("sentiment.txt", DictionaryValidator.Format.SENTIMENT);
        FILES.put("negation.txt", DictionaryValidator.Format.WORDS);
        FILES.put("degree.txt", DictionaryValidator.Format.DEGREE);
        FILES.put("contrast.txt", DictionaryValidator.Format.WORDS);
        FILES.put("concessive.txt", DictionaryValidator.Format.WORDS);
        FILES.put("emoticons.txt", DictionaryValidator.Format.EMOTICONS);
        FILES.put("stopwords.txt", DictionaryValidator.Format.WORDS);
        FILES.put("sensitive.txt", DictionaryValidator.Format.WORDS);
    }

    static final int MAX_CHARS = 5_000_000;

    @Inject
    NlpProducer producer;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** A file that can be edited. */
    public record FileInfo(String name, String format, long bytes) {
    }

    /** A file's content. */
    public record FileContent(String name, String format, String content) {
    }

    /** What a save did. */
    public record SaveResult(String name, long changeId, int linesAdded, int linesRemoved, String summary) {
    }

    /** One recorded change. */
    public record ChangeView(long id, String file, String changedBy, Instant changedAt, int linesAdded, int linesRemoved,
                             String summary) {
    }

    /** The editable files: the fixed list, then the existing category files. */
    public List<FileInfo> list() {
        List<FileInfo> out = new ArrayList<>();
        FILES.forEach((name, f) -> out.add(new FileInfo(name, f.name(), size(name))));
        for (String c : categoryFiles()) {
            out.add(new FileInfo(c, DictionaryValidator.Format.CATEGORY.name(), size(c)));
        }
        return out;
    }

    private long size(String name) {
        try {
            Path p = producer.dictionaryDir().resolve(name);
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private List<String> categoryFiles() {
        List<String> out = new ArrayList<>();
        Path dir = producer.dictionaryDir().resolve("categories");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.txt")) {
                ds.forEach(p -> out.add("categories/" + p.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.sort(null);
        return out;
    }

    /** The format of an editable file; 404 for any other name (no paths outside the list). */
    DictionaryValidator.Format format(String name) {
        DictionaryValidator.Format f = FILES.get(name);
        if (f == null && categoryFiles().contains(name)) {
            f = DictionaryValidator.Format.CATEGORY;
        }
        if (f == null) {
            throw ApiException.notFound("dictionary", name);
        }
        return f;
    }

    public FileContent read(String name) {
        DictionaryValidator.Format f = format(name);
        Path p = producer.dictionaryDir().resolve(name);
        try {
            return new FileContent(name, f.name(), Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates, writes, reloads and records; refused (400, nothing changed) with the line numbers of the problems. */
    public synchronized SaveResult save(String name, String content, String who) {
        DictionaryValidator.Format f = format(name);
        if (content == null) {
            throw ApiException.badRequest("content", "is required");
        }
        if (content.length() > MAX_CHARS) {
            throw ApiException.badRequest("content", "is longer than " + MAX_CHARS + " characters");
        }
        List<DictionaryValidator.Problem> problems = DictionaryValidator.validate(f, content);
        if (!problems.isEmpty()) {
            List<ApiException.FieldError> errors = new ArrayList<>();
            problems.forEach(p -> errors.add(new ApiException.FieldError("content[line " + p.line() + "]", p.reason())));
            throw ApiException.badRequest(errors);
        }
        Path dir = producer.dictionaryDir();
        String old = read(name).content();
        tryLoading(dir, name, content);
        Path target = dir.resolve(name);
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".edit-", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
        producer.reload();
        Diff diff = diff(old, content);
        DictionaryChange change = QuarkusTransaction.requiringNew().call(() -> {
            DictionaryChange c = new DictionaryChange();
            c.file = name;
            c.changedBy = who;
            c.changedAt = Instant.now(clock);
            c.linesAdded = diff.added.size();
            c.linesRemoved = diff.removed.size();
            c.summary = diff.summary();
            em.persist(c);
            audit.record(who, "DICTIONARY_CHANGED", "dictionary", name, c.summary);
            return c;
        });
        return new SaveResult(name, change.id, change.linesAdded, change.linesRemoved, change.summary);
    }

    /** Loads every dictionary with the candidate from a temporary copy and builds an analyser from it. */
    private static void tryLoading(Path dir, String name, String content) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("minyi-dict-check");
            Files.createDirectories(tmp.resolve("categories"));
            for (String f : FILES.keySet()) {
                copyIfExists(dir.resolve(f), tmp.resolve(f));
            }
            Path cats = dir.resolve("categories");
            if (Files.isDirectory(cats)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(cats, "*.txt")) {
                    for (Path p : ds) {
                        copyIfExists(p, tmp.resolve("categories").resolve(p.getFileName().toString()));
                    }
                }
            }
            Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
            NlpResources candidate = NlpResources.load(tmp);
            new TextAnalyzer(candidate, 1000).analyze("海澄区望潮街道夜里施工噪音扰民，投诉没人管。");   // builds every component
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("content", "the dictionaries do not load with this file: " + e.getMessage());
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void copyIfExists(Path from, Path to) throws IOException {
        if (Files.isRegularFile(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary files only
        }
    }

    private record Diff(List<String> added, List<String> removed) {
        String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append('+').append(added.size()).append(" -").append(removed.size()).append(" lines");
            int shown = 0;
            for (String a : added) {
                if (shown++ >= 10 || sb.length() > 3000) {
                    break;
                }
                sb.append("; +").append(a.length() > 80 ? a.substring(0, 80) : a);
            }
            shown = 0;
            for (String r : removed) {
                if (shown++ >= 10 || sb.length() > 3800) {
                    break;
                }
                sb.append("; -").append(r.length() > 80 ? r.substring(0, 80) : r);
            }
            return sb.length() > 4000 ? sb.substring(0, 4000) : sb.toString();
        }
    }

    /** Lines added and removed, as multisets of non-blank lines (order changes are not counted). */
    private static Diff diff(String before, String after) {
        Map<String, Integer> counts = new HashMap<>();
        for (String l : before.split("\r?\n")) {
            if (!l.isBlank()) {
                counts.merge(l.strip(), 1, Integer::sum);
            }
        }
        List<String> added = new ArrayList<>();
        for (String l : after.split("\r?\n")) {
            if (l.isBlank()) {
                continue;
            }
            Integer c = counts.get(l.strip());
            if (c == null || c == 0) {
                added.add(l.strip());
            } else {
                counts.put(l.strip(), c - 1);
            }
        }
        List<String> removed = new ArrayList<>();
        new TreeMap<>(counts).forEach((l, c) -> {
            for (int i = 0; i < c; i++) {
                removed.add(l);
            }
        });
        return new Diff(added, removed);
    }

    public List<ChangeView> changes(String file, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            var q = em.createQuery("from DictionaryChange c" + (file == null ? "" : " where c.file = :f")
                    + " order by c.id desc", DictionaryChange.class);
            if (file != null) {
                q.setParameter("f", file);
            }
            return q.setMaxResults(Math.max(1, Math.min(500, limit))).getResultList().stream()
                    .map(c -> new ChangeView(c.id, c.file, c.changedBy, c.changedAt, c.linesAdded, c.linesRemoved, c.summary))
                    .toList();
        });
    }
}
