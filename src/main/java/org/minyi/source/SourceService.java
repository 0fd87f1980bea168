package org.minyi.source;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import org.minyi.common.ApiException;
import org.minyi.common.JsonText;
import org.minyi.common.Validation;

/** Sources: validation, storage and look-up by id or name. */
@ApplicationScoped
public class SourceService {

    @jakarta.inject.Inject
    org.minyi.audit.AuditLog audit;


    /** Selector keys a source may set; see {@link CrawlSettings}. */
    public static final Set<String> SELECTOR_KEYS = Set.of("listLinks", "nextPage", "title", "content", "author",
            "time", "replyCount", "viewCount", "replies", "threadNextPage");

    @Inject
    Clock clock;

    @Inject
    org.minyi.crawl.fetch.CrawlConfig crawlConfig;

    public List<Source> list() {
        return Source.listAll(Sort.by("name"));
    }

    public Source get(long id) {
        Source source = Source.findById(id);
        if (source == null) {
            throw ApiException.notFound("source", id);
        }
        return source;
    }

    /** A source named by its id (digits) or its name. */
    public Optional<Source> resolve(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        String key = idOrName.trim();
        if (key.matches("\\d{1,18}")) {
            Optional<Source> byId = Source.findByIdOptional(Long.parseLong(key));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return Source.findByName(key);
    }

    /**
     * Creates a source. Sending the same name, type and base URL again is answered with the existing source
     * ({@code created == false}); the same name with other settings is a conflict.
     */
    @Transactional
    public Saved create(SourceInput input) {
        Valid valid = validate(input);
        Optional<Source> existing = Source.findByName(valid.name);
        if (existing.isPresent()) {
            Source s = existing.get();
            if (s.type == valid.type && s.baseUrl.equals(valid.baseUrl)) {
                return new Saved(s, false);
            }
            throw new ApiException(409, "a source named " + valid.name + " exists already",
                    List.of(new ApiException.FieldError("name", "is taken by source " + s.id)));
        }
        Source source = new Source();
        source.createdAt = Instant.now(clock);
        apply(source, valid);
        source.persist();
        audit.record("SOURCE_CREATED", "source", source.id, source.name + " " + source.type + " " + source.baseUrl);
        return new Saved(source, true);
    }

    @Transactional
    public Source update(long id, SourceInput input) {
        Source source = get(id);
        Valid valid = validate(input);
        Optional<Source> other = Source.findByName(valid.name);
        if (other.isPresent() && !Objects.equals(other.get().id, id)) {
            throw new ApiException(409, "a source named " + valid.name + " exists already",
                    List.of(new ApiException.FieldError("name", "is taken by source " + other.get().id)));
        }
        if (input.version() != null && input.version() != source.version) {
            throw ApiException.conflict("source " + id + " was changed by someone else (version " + source.version
                    + ", you sent " + input.version() + "); reload and try again");
        }
        apply(source, valid);
        audit.record("SOURCE_CHANGED", "source", source.id, source.name + " " + source.type + " " + source.baseUrl
                + (source.enabled ? "" : " (disabled)"));
        return source;
    }

    @Transactional
    public void delete(long id) {
        Source source = get(id);
        long posts = Source.getEntityManager()
                .createQuery("select count(p) from Post p where p.source.id = :id", Long.class)
                .setParameter("id", id).getSingleResult();
        if (posts > 0) {
            throw ApiException.conflict("source " + id + " has " + posts
                    + " posts; disable it instead (PUT with \"enabled\": false) so its history stays");
        }
        audit.record("SOURCE_DELETED", "source", id, source.name);
        source.delete();
    }

    private void apply(Source source, Valid valid) {
        source.name = valid.name;
        source.type = valid.type;
        source.baseUrl = valid.baseUrl;
        source.enabled = valid.enabled;
        source.crawlSettings = JsonText.write(valid.settings);
        source.updatedAt = Instant.now(clock);
    }

    private Valid validate(SourceInput in) {
        if (in == null) {
            throw ApiException.badRequest("body", "is required");
        }
        Validation v = new Validation();
        String name = v.required("name", in.name() == null ? null : in.name().trim(), 100);
        SourceType type = null;
        if (in.type() == null || in.type().isBlank()) {
            v.reject("type", "is required (FORUM, NEWS, FEED or API)");
        } else {
            try {
                type = SourceType.valueOf(in.type().trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                v.reject("type", "unknown type '" + in.type() + "' (FORUM, NEWS, FEED or API)");
            }
        }
        URI base = v.httpUrl("baseUrl", in.baseUrl(), true);
        List<String> startUrls = new ArrayList<>();
        if (in.startUrls() != null) {
            if (in.startUrls().size() > 100) {
                v.reject("startUrls", "at most 100 start URLs");
            }
            for (int i = 0; i < in.startUrls().size(); i++) {
                URI u = v.httpUrl("startUrls[" + i + "]", in.startUrls().get(i), true);
                if (u != null) {
                    startUrls.add(u.toString());
                }
            }
        }
        if (type != null && type != SourceType.API && startUrls.isEmpty() && base != null) {
            startUrls.add(base.toString());
        }
        Map<String, String> selectors = new LinkedHashMap<>();
        if (in.selectors() != null) {
            in.selectors().forEach((key, css) -> {
                if (!SELECTOR_KEYS.contains(key)) {
                    v.reject("selectors." + key, "unknown selector (known: " + String.join(", ", SELECTOR_KEYS.stream().sorted().toList()) + ")");
                } else if (css == null || css.isBlank()) {
                    v.reject("selectors." + key, "is empty");
                } else {
                    String problem = cssProblem(css);
                    if (problem != null) {
                        v.reject("selectors." + key, "is not a valid CSS selector: " + problem);
                    } else {
                        selectors.put(key, css.trim());
                    }
                }
            });
        }
        String schedule = null;
        if (in.schedule() != null && !in.schedule().isBlank()) {
            try {
                Duration d = Duration.parse(in.schedule().trim());
                Duration min = crawlConfig.minSchedule();
                if (d.compareTo(min) < 0 || d.compareTo(Duration.ofDays(7)) > 0) {
                    v.reject("schedule", "must be between " + min + " and P7D");
                } else {
                    schedule = d.toString();
                }
            } catch (DateTimeParseException e) {
                v.reject("schedule", "must be an ISO-8601 duration such as PT10M");
            }
        }
        Integer maxDepth = in.maxDepth();
        if (maxDepth != null && (maxDepth < 0 || maxDepth > 10)) {
            v.reject("maxDepth", "must be between 0 and 10");
        }
        Integer maxPages = in.maxPages();
        if (maxPages != null && (maxPages < 1 || maxPages > 100_000)) {
            v.reject("maxPages", "must be between 1 and 100000");
        }
        v.throwIfInvalid();
        return new Valid(name, type, base.toString(), in.enabled() == null || in.enabled(),
                new CrawlSettings(startUrls, selectors, schedule, maxDepth, maxPages));
    }

    static String cssProblem(String css) {
        try {
            Evaluator evaluator = QueryParser.parse(css);
            return evaluator == null ? "empty" : null;
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private record Valid(String name, SourceType type, String baseUrl, boolean enabled, CrawlSettings settings) {
    }

    /** The result of a create: the source and whether it is new. */
    public record Saved(Source source, boolean created) {
    }
}
