package org.minyi.routing.rule;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minyi.common.ApiException;
import org.minyi.common.JsonText;
import org.minyi.common.Validation;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.post.Post;
import org.minyi.routing.Grade;
import org.minyi.routing.unit.OrgUnit;
import org.minyi.routing.unit.UnitService;

/** The ordered rule list: CRUD, reordering, default rules, and which units a post goes to (explain). */
@ApplicationScoped
public class RuleService {

    @jakarta.inject.Inject
    org.minyi.audit.AuditLog audit;


    /** The taxonomy's default owners (product.md). */
    public static final Map<String, String> DEFAULT_OWNERS = new LinkedHashMap<>();

    static {
        DEFAULT_OWNERS.put("环境保护", "生态环境分局");
        DEFAULT_OWNERS.put("征地拆迁", "住建局");
        DEFAULT_OWNERS.put("社会治安", "公安分局");
        DEFAULT_OWNERS.put("安全生产与消防", "应急管理局");
        DEFAULT_OWNERS.put("食品药品安全", "市场监管局");
        DEFAULT_OWNERS.put("劳动就业与外来务工", "人社局");
        DEFAULT_OWNERS.put("城市管理", "综合行政执法局");
        DEFAULT_OWNERS.put("交通出行", "交通局");
        DEFAULT_OWNERS.put("教育", "教育局");
        DEFAULT_OWNERS.put("医疗卫生", "卫健局");
        DEFAULT_OWNERS.put("社会保障", "人社局");
        DEFAULT_OWNERS.put("信访与维权", "信访局");
        DEFAULT_OWNERS.put("其他", "宣传部");
    }

    @Inject
    UnitService units;

    @Inject
    TextAnalyzer analyzer;

    /** What a client sends to create or replace a rule. */
    public record RuleInput(String name, Boolean enabled, List<String> categories, List<String> places,
                            List<String> keywords, List<String> sources, Double maxSentiment, List<String> targetUnits,
                            Boolean toPlace, Boolean autoOpen, String grade) {
    }

    /** One unit a post goes to and the rule that decided it. */
    public record Routed(long unitId, String unit, String kind, long ruleId, String rule, String reason, boolean autoOpen,
                         Grade grade) {
    }

    /** How every enabled rule judged the post. */
    public record RuleTrace(long ruleId, String rule, boolean holds, String reason) {
    }

    /** The answer of explain: the units, and the trace of every rule. */
    public record Explanation(PostFacts facts, List<Routed> units, List<RuleTrace> rules) {
    }

    @Transactional
    void seedDefaults(@Observes @Priority(20) StartupEvent event) {
        // the default rules need the default departments: seeded at a start with units and no rules yet
        if (RoutingRule.count() > 0 || OrgUnit.count() == 0) {
            return;
        }
        int position = 1;
        RoutingRule local = new RoutingRule();
        local.position = position++;
        local.name = "属地管理：帖子提到的社区或村";
        local.toPlace = true;
        local.persist();
        for (Map.Entry<String, String> e : DEFAULT_OWNERS.entrySet()) {
            if (OrgUnit.findByName(e.getValue()).isEmpty()) {
                continue;
            }
            RoutingRule r = new RoutingRule();
            r.position = position++;
            r.name = "类别 " + e.getKey() + " → " + e.getValue();
            r.categories = JsonText.write(List.of(e.getKey()));
            r.targetUnits = JsonText.write(List.of(e.getValue()));
            r.persist();
        }
        Log.infof("Default routing rules: %d", position - 1);
    }

    public List<RoutingRule> list() {
        return RoutingRule.listAll(Sort.by("position").and("id"));
    }

    public RoutingRule get(long id) {
        RoutingRule rule = RoutingRule.findById(id);
        if (rule == null) {
            throw ApiException.notFound("rule", id);
        }
        return rule;
    }

    @Transactional
    public RoutingRule create(RuleInput input) {
        RoutingRule rule = new RoutingRule();
        apply(rule, input);
        Integer max = RoutingRule.find("select max(r.position) from RoutingRule r").project(Integer.class).firstResult();
        rule.position = max == null ? 1 : max + 1;
        rule.persist();
        audit.record("RULE_CREATED", "rule", rule.id, rule.name);
        return rule;
    }

    @Transactional
    public RoutingRule update(long id, RuleInput input) {
        RoutingRule rule = get(id);
        apply(rule, input);
        audit.record("RULE_CHANGED", "rule", rule.id, rule.name + (rule.enabled ? "" : " (disabled)"));
        return rule;
    }

    @Transactional
    public void delete(long id) {
        RoutingRule rule = get(id);
        audit.record("RULE_DELETED", "rule", id, rule.name);
        rule.delete();
    }

    /** Puts the rules in the given order; the list must name every rule once. */
    @Transactional
    public List<RoutingRule> reorder(List<Long> ids) {
        List<RoutingRule> all = list();
        Set<Long> known = new HashSet<>(all.stream().map(r -> r.id).toList());
        if (ids == null || ids.size() != all.size() || !known.equals(new HashSet<>(ids))) {
            throw ApiException.badRequest("ids", "must list every rule id exactly once (" + all.size() + " rules)");
        }
        for (int i = 0; i < ids.size(); i++) {
            RoutingRule r = RoutingRule.findById(ids.get(i));
            r.position = i + 1;
        }
        audit.record("RULE_REORDERED", "rule", null, "order " + ids);
        return list();
    }

    private void apply(RoutingRule rule, RuleInput in) {
        Validation v = new Validation();
        String name = v.required("name", in.name(), 100);
        Set<String> categories = analyzer.resources().categories().keySet();
        List<String> cats = clean(v, "categories", in.categories());
        cats.stream().filter(c -> !categories.contains(c))
                .forEach(c -> v.reject("categories", "unknown category '" + c + "' (" + String.join(", ", categories) + ")"));
        List<String> places = clean(v, "places", in.places());
        places.forEach(p -> {
            OrgUnit u = OrgUnit.findByName(p).orElse(null);
            if (u == null || !u.kind.isJurisdiction()) {
                v.reject("places", "'" + p + "' is not a jurisdiction unit");
            }
        });
        List<String> keywords = clean(v, "keywords", in.keywords());
        List<String> sources = clean(v, "sources", in.sources());
        List<String> targets = clean(v, "targetUnits", in.targetUnits());
        targets.stream().filter(t -> OrgUnit.findByName(t).isEmpty()).forEach(t -> v.reject("targetUnits", "no unit '" + t + "'"));
        boolean toPlace = Boolean.TRUE.equals(in.toPlace());
        if (targets.isEmpty() && !toPlace) {
            v.reject("targetUnits", "a rule needs target units or toPlace (属地管理)");
        }
        if (in.maxSentiment() != null && (in.maxSentiment() < -1 || in.maxSentiment() > 1 || in.maxSentiment().isNaN())) {
            v.reject("maxSentiment", "must be between -1 and 1");
        }
        Grade grade = Grade.GENERAL;
        if (in.grade() != null) {
            grade = Grade.parse(in.grade()).orElse(null);
            if (grade == null) {
                v.reject("grade", "unknown grade '" + in.grade() + "' (GENERAL 一般, LARGER 较大, MAJOR 重大, EXTRAORDINARY 特别重大)");
            }
        }
        v.throwIfInvalid();
        rule.name = name.strip();
        rule.enabled = in.enabled() == null || in.enabled();
        rule.categories = JsonText.write(cats);
        rule.places = JsonText.write(places);
        rule.keywords = JsonText.write(keywords);
        rule.sources = JsonText.write(sources);
        rule.maxSentiment = in.maxSentiment();
        rule.targetUnits = JsonText.write(targets);
        rule.toPlace = toPlace;
        rule.autoOpen = Boolean.TRUE.equals(in.autoOpen());
        rule.grade = grade;
    }

    private static List<String> clean(Validation v, String field, List<String> values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String s : values) {
            if (s == null || s.isBlank()) {
                v.reject(field, "must not contain empty values");
            } else if (s.length() > 100) {
                v.reject(field, "values must be at most 100 characters");
            } else if (!out.contains(s.strip())) {
                out.add(s.strip());
            }
        }
        if (JsonText.write(out).length() > 1000) {
            v.reject(field, "is longer than 1000 characters together");
        }
        return out;
    }

    /** Which units would get this post, and which rule decided each: the first enabled rule naming a unit. */
    public Explanation explain(PostFacts facts) {
        return explain(facts, RulePolicy.Units.of(units.list()), list());
    }

    /** {@link #explain(PostFacts)} of many posts, reading the units and rules once (for a batch of new posts). */
    public List<Explanation> explainAll(List<PostFacts> facts) {
        RulePolicy.Units unitTree = RulePolicy.Units.of(units.list());
        List<RoutingRule> rules = list();
        List<Explanation> out = new ArrayList<>(facts.size());
        for (PostFacts f : facts) {
            out.add(explain(f, unitTree, rules));
        }
        return out;
    }

    private Explanation explain(PostFacts facts, RulePolicy.Units unitTree, List<RoutingRule> rules) {
        Map<Long, Routed> routed = new LinkedHashMap<>();
        List<RuleTrace> trace = new ArrayList<>();
        for (RoutingRule rule : rules) {
            if (!rule.enabled) {
                continue;
            }
            RulePolicy.Verdict verdict = RulePolicy.evaluate(rule, facts, unitTree);
            trace.add(new RuleTrace(rule.id, rule.name, verdict.holds(), verdict.reason()));
            for (OrgUnit u : verdict.targets()) {
                routed.putIfAbsent(u.id, new Routed(u.id, u.name, u.kind.name(), rule.id, rule.name, verdict.reason(),
                        rule.autoOpen, rule.grade));
            }
        }
        return new Explanation(facts, List.copyOf(routed.values()), trace);
    }

    public Explanation explainPost(long postId) {
        Post post = Post.findById(postId);
        if (post == null) {
            throw ApiException.notFound("post", postId);
        }
        return explain(PostFacts.of(post));
    }

    public Explanation explainText(String title, String content, String source) {
        Validation v = new Validation();
        v.maxLength("title", title, 1000);
        v.maxLength("content", content, 100000);
        if ((title == null || title.isBlank()) && (content == null || content.isBlank())) {
            v.reject("content", "title or content (or postId) is required");
        }
        v.throwIfInvalid();
        return explain(PostFacts.of(title, content, source, analyzer.analyze(title, content)));
    }
}
