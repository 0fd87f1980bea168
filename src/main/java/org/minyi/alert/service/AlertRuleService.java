package org.minyi.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minyi.alert.AlertChannel;
import org.minyi.alert.AlertConfig;
import org.minyi.alert.AlertLevel;
import org.minyi.alert.AlertRule;
import org.minyi.alert.rule.Check;
import org.minyi.alert.rule.Condition;
import org.minyi.alert.rule.Firing;
import org.minyi.alert.rule.PhraseIndex;
import org.minyi.alert.rule.PostFacts;
import org.minyi.alert.rule.RuleEvaluator;
import org.minyi.alert.rule.RuleSpec;
import org.minyi.common.ApiException;
import org.minyi.common.Validation;
import org.minyi.security.AppUser;
import org.minyi.security.Role;
import org.minyi.source.SourceService;

/** Alert rules: validation, storage and the rule test tool. */
@ApplicationScoped
@Transactional
public class AlertRuleService {

    @Inject
    org.minyi.audit.AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    AlertConfig config;

    @Inject
    AlertCounts counts;

    @Inject
    SourceService sources;

    /** Who receives a rule's alerts besides the console: users (emergency or admin) and channels (names or ids). */
    public record Recipients(List<String> users, List<String> channels) {
    }

    /** A rule as sent. {@code cooldown} is an ISO-8601 duration (PT1H); {@code match} ALL (default) or ANY. */
    public record RuleInput(String name, Boolean enabled, String level, String match, List<Condition> conditions,
                            Recipients recipients, String cooldown, Integer riseEvery, Long version) {
    }

    /** A rule as shown. */
    public record RuleView(long id, String name, boolean enabled, AlertLevel level, String levelLabel, String match,
                           List<Condition> conditions, Recipients recipients, String cooldown, int riseEvery, String createdBy,
                           Instant createdAt, Instant updatedAt, long version) {
    }

    /** The rule test tool's request: a rule (not stored) and how far back to look (ISO-8601, default PT24H). */
    public record TestInput(RuleInput rule, String lookback) {
    }

    /** A post that would have fired the rule, with the subject it would have alerted on and why. */
    public record TestHit(long postId, String title, String source, Instant publishedAt, Long topicId, String subject, List<String> reasons) {
    }

    /** What the rule would have done over the look-back. */
    public record TestResult(int examined, int fired, int subjects, boolean truncated, List<TestHit> posts) {
    }

    public List<RuleView> list() {
        return em.createQuery("select r from AlertRule r order by r.id", AlertRule.class).getResultList().stream().map(this::view).toList();
    }

    public AlertRule get(long id) {
        AlertRule r = em.find(AlertRule.class, id);
        if (r == null) {
            throw ApiException.notFound("alert rule", id);
        }
        return r;
    }

    public RuleView create(RuleInput in, String user) {
        AlertRule r = new AlertRule();
        apply(r, in, true);
        Instant now = Instant.now(clock);
        r.createdBy = user;
        r.createdAt = now;
        r.updatedAt = now;
        r.persist();
        audit.record("ALERT_RULE_CREATED", "alert-rule", r.id, r.name + " (" + r.level + ")");
        return view(r);
    }

    public RuleView update(long id, RuleInput in) {
        AlertRule r = get(id);
        if (in.version() != null && in.version() != r.version) {
            throw ApiException.conflict("alert rule " + id + " was changed by someone else (version " + r.version + ")");
        }
        apply(r, in, false);
        r.updatedAt = Instant.now(clock);
        em.flush();
        audit.record("ALERT_RULE_CHANGED", "alert-rule", r.id, r.name + " (" + r.level + (r.enabled ? "" : ", disabled") + ")");
        return view(r);
    }

    public void delete(long id) {
        AlertRule r = get(id);
        r.delete();
        audit.record("ALERT_RULE_DELETED", "alert-rule", id, r.name);
    }

    private void apply(AlertRule r, RuleInput in, boolean create) {
        if (in == null) {
            throw ApiException.badRequest("body", "is required");
        }
        Validation v = new Validation();
        Compiled c = validate(v, in, true);
        String name = v.required("name", in.name(), 100);
        if (name != null) {
            Long clash = em.createQuery("select count(r) from AlertRule r where r.name = :n and r.id <> :id", Long.class)
                    .setParameter("n", name.trim()).setParameter("id", create ? -1L : r.id).getSingleResult();
            if (clash > 0) {
                v.reject("name", "is already used by another rule");
            }
        }
        v.throwIfInvalid();
        r.name = name.trim();
        r.enabled = in.enabled() == null || in.enabled();
        r.level = c.level;
        r.matchMode = c.any ? "ANY" : "ALL";
        try {
            r.conditions = mapper.writeValueAsString(in.conditions());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        r.recipientUsers = String.join(",", c.users);
        r.recipientChannels = String.join(",", c.channels.stream().map(String::valueOf).toList());
        r.cooldownSeconds = c.cooldown.getSeconds();
        r.riseEvery = c.riseEvery;
    }

    private record Compiled(AlertLevel level, boolean any, List<Check> checks, Set<String> users, Set<Long> channels, Duration cooldown,
                            int riseEvery) {
    }

    /** Every check of a rule body except its name; field errors go to {@code v}. */
    private Compiled validate(Validation v, RuleInput in, boolean recipients) {
        AlertLevel level = null;
        if (in.level() == null || in.level().isBlank()) {
            v.reject("level", "is required: BLUE (蓝 IV), YELLOW (黄 III), ORANGE (橙 II) or RED (红 I)");
        } else {
            level = AlertLevel.parse(in.level()).orElse(null);
            if (level == null) {
                v.reject("level", "must be BLUE (蓝 IV), YELLOW (黄 III), ORANGE (橙 II) or RED (红 I)");
            }
        }
        boolean any = false;
        if (in.match() != null && !in.match().isBlank()) {
            if (in.match().trim().equalsIgnoreCase("ANY")) {
                any = true;
            } else if (!in.match().trim().equalsIgnoreCase("ALL")) {
                v.reject("match", "must be ALL or ANY");
            }
        }
        List<Check> checks = RuleSpec.compile(v, in.conditions());
        if (in.conditions() != null) {
            for (int i = 0; i < in.conditions().size(); i++) {
                Condition c = in.conditions().get(i);
                if (c != null && c.sources() != null) {
                    for (int j = 0; j < c.sources().size(); j++) {
                        String s = c.sources().get(j);
                        if (s != null && !s.isBlank() && sources.resolve(s.trim()).isEmpty()) {
                            v.reject("conditions[" + i + "].sources[" + j + "]", "is not a known source (" + s + ")");
                        }
                    }
                }
            }
        }
        Duration cooldown = in.cooldown() == null || in.cooldown().isBlank() ? config.defaultCooldown()
                : durationField(v, "cooldown", in.cooldown(), Duration.ofMinutes(1), Duration.ofDays(7));
        int riseEvery = config.defaultRiseEvery();
        if (in.riseEvery() != null) {
            if (in.riseEvery() < 1 || in.riseEvery() > 100_000) {
                v.reject("riseEvery", "must be between 1 and 100000");
            } else {
                riseEvery = in.riseEvery();
            }
        }
        Set<String> users = new LinkedHashSet<>();
        Set<Long> channels = new LinkedHashSet<>();
        if (recipients && in.recipients() != null) {
            List<String> us = in.recipients().users() == null ? List.of() : in.recipients().users();
            for (int i = 0; i < us.size(); i++) {
                String u = us.get(i);
                String field = "recipients.users[" + i + "]";
                AppUser user = u == null || u.isBlank() ? null : AppUser.findByUsername(u.trim()).orElse(null);
                if (user == null) {
                    v.reject(field, "is not a known user (" + u + ")");
                } else if (!user.enabled || !(user.roleSet().contains(Role.emergency) || user.roleSet().contains(Role.admin))) {
                    v.reject(field, "must be an enabled user with the emergency or admin role (" + u + ")");
                } else {
                    users.add(user.username);
                }
            }
            List<String> cs = in.recipients().channels() == null ? List.of() : in.recipients().channels();
            for (int i = 0; i < cs.size(); i++) {
                AlertChannel ch = channel(cs.get(i));
                if (ch == null) {
                    v.reject("recipients.channels[" + i + "]", "is not a known channel (" + cs.get(i) + ")");
                } else {
                    channels.add(ch.id);
                }
            }
        }
        return new Compiled(level, any, checks, users, channels, cooldown, riseEvery);
    }

    AlertChannel channel(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            return null;
        }
        String s = nameOrId.trim();
        if (s.matches("\\d{1,18}")) {
            AlertChannel c = em.find(AlertChannel.class, Long.valueOf(s));
            if (c != null) {
                return c;
            }
        }
        return em.createQuery("select c from AlertChannel c where c.name = :n", AlertChannel.class).setParameter("n", s)
                .getResultStream().findFirst().orElse(null);
    }

    static Duration durationField(Validation v, String field, String value, Duration min, Duration max) {
        try {
            Duration d = Duration.parse(value.trim());
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                v.reject(field, "must be between " + min + " and " + max + " (" + value + ")");
                return min;
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            v.reject(field, "is not an ISO-8601 duration such as PT30M or PT2H (" + value + ")");
            return min;
        }
    }

    public RuleView view(AlertRule r) {
        List<Condition> conditions;
        try {
            conditions = mapper.readValue(r.conditions, new TypeReference<List<Condition>>() { });
        } catch (JsonProcessingException e) {
            conditions = List.of();
        }
        List<String> channelNames = new ArrayList<>();
        for (String id : RuleCache.split(r.recipientChannels)) {
            AlertChannel c = em.find(AlertChannel.class, Long.valueOf(id));
            channelNames.add(c == null ? "#" + id + "（已删除）" : c.name);
        }
        return new RuleView(r.id, r.name, r.enabled, r.level, r.level.label(), r.matchMode, conditions,
                new Recipients(new ArrayList<>(RuleCache.split(r.recipientUsers)), channelNames),
                Duration.ofSeconds(r.cooldownSeconds).toString(), r.riseEvery, r.createdBy, r.createdAt, r.updatedAt, r.version);
    }

    /**
     * The rule test tool: which recent posts would have fired this rule, each judged as of its own publication time
     * (count conditions over the window ending then). Nothing is stored. The emerging flag is the topic's current one.
     */
    public TestResult test(TestInput in) {
        Validation v = new Validation();
        if (in == null || in.rule() == null) {
            throw ApiException.badRequest("rule", "is required");
        }
        Validation rv = v.nested("rule.");
        Compiled c = validate(rv, in.rule(), false);
        Duration lookback = in.lookback() == null || in.lookback().isBlank() ? Duration.ofHours(24)
                : durationField(v, "lookback", in.lookback(), Duration.ofMinutes(1), Duration.ofDays(30));
        v.throwIfInvalid();
        RuleSpec spec = new RuleSpec(0, in.rule().name() == null ? "测试" : in.rule().name(), c.level, c.any, c.checks, Set.of(), Set.of(),
                c.cooldown, c.riseEvery);
        PhraseIndex index = new PhraseIndex(spec.words());
        Instant now = Instant.now(clock);
        int max = config.testMaxPosts();
        List<Object[]> rows = em.createQuery("select p.id, p.title, p.content, p.author, s.id, s.name, p.topicId, p.analysis.sentimentLabel,"
                        + " p.publishedAt, p.url from Post p join p.source s where p.publishedAt > :from and p.publishedAt <= :now"
                        + " order by p.publishedAt desc, p.id desc", Object[].class)
                .setParameter("from", now.minus(lookback)).setParameter("now", now).setMaxResults(max + 1).getResultList();
        boolean truncated = rows.size() > max;
        List<PostFacts> posts = new ArrayList<>();
        for (int i = Math.min(rows.size(), max) - 1; i >= 0; i--) {
            posts.add(AlertEvaluator.facts(rows.get(i)));
        }
        Map<List<Object>, org.minyi.alert.rule.Measure> cache = new HashMap<>();
        org.minyi.alert.rule.Counts cached = new org.minyi.alert.rule.Counts() {
            @Override
            public org.minyi.alert.rule.Measure spike(Check.Spike s, Long topicId, Instant at) {
                return cache.computeIfAbsent(java.util.Arrays.asList(s, topicId, at), k -> counts.spike(s, topicId, at));
            }

            @Override
            public org.minyi.alert.rule.Measure emerging(Check.Emerging e, long topicId) {
                return cache.computeIfAbsent(List.of(e, topicId), k -> counts.emerging(e, topicId));
            }
        };
        List<TestHit> hits = new ArrayList<>();
        Map<String, Boolean> subjects = new LinkedHashMap<>();
        int fired = 0;
        for (PostFacts p : posts) {
            List<Firing> f = RuleEvaluator.evaluate(spec, List.of(p), q -> index.scan(q.text()), cached, p.publishedAt());
            if (!f.isEmpty()) {
                fired++;
                subjects.put(f.get(0).subject(), true);
                if (hits.size() < 200) {
                    hits.add(new TestHit(p.id(), p.title(), p.sourceName(), p.publishedAt(), p.topicId(), f.get(0).subject(),
                            f.stream().flatMap(x -> x.reasons().stream()).distinct().toList()));
                }
            }
        }
        return new TestResult(posts.size(), fired, subjects.size(), truncated, hits);
    }
}
