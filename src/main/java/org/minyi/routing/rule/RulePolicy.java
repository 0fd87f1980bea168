package org.minyi.routing.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.minyi.nlp.PlaceMention;
import org.minyi.routing.unit.OrgUnit;
import org.minyi.routing.unit.UnitKind;

/**
 * Routing as a list of small policies: each condition of a rule is one function that either holds (with the reason,
 * for the explanation) or does not. A rule holds when all its conditions do; its targets are its fixed units plus,
 * for 属地管理, the places the post names.
 */
public final class RulePolicy {

    /** One condition: the reason it holds, or empty. */
    interface Condition extends Function<PostFacts, Optional<String>> {
    }

    /** The unit tree, for "a place in or below this unit" and for the places a post names. */
    public record Units(Map<String, OrgUnit> byName, Map<Long, OrgUnit> byId) {

        public static Units of(List<OrgUnit> all) {
            Map<String, OrgUnit> byName = new LinkedHashMap<>();
            Map<Long, OrgUnit> byId = new LinkedHashMap<>();
            all.forEach(u -> {
                byName.put(u.name, u);
                byId.put(u.id, u);
            });
            return new Units(byName, byId);
        }

        boolean isInOrBelow(String unitName, String ancestorName) {
            OrgUnit u = byName.get(unitName);
            int guard = 0;
            while (u != null && guard++ < 20) {
                if (u.name.equals(ancestorName)) {
                    return true;
                }
                u = u.parentId == null ? null : byId.get(u.parentId);
            }
            return false;
        }
    }

    /** The outcome of one rule for one post. */
    public record Verdict(RoutingRule rule, boolean holds, String reason, List<OrgUnit> targets) {
    }

    private RulePolicy() {
    }

    static List<Condition> conditions(RoutingRule rule, Units units) {
        List<Condition> out = new ArrayList<>();
        List<String> categories = rule.categoryList();
        if (!categories.isEmpty()) {
            out.add(f -> f.categories().stream().filter(categories::contains).findFirst().map(c -> "类别 " + c));
        }
        List<String> places = rule.placeList();
        if (!places.isEmpty()) {
            out.add(f -> f.places().stream().filter(p -> p.unit() != null)
                    .filter(p -> places.stream().anyMatch(a -> units.isInOrBelow(p.unit(), a)))
                    .findFirst().map(p -> "地点 " + p.name() + "（" + p.unit() + "）"));
        }
        List<String> keywords = rule.keywordList();
        if (!keywords.isEmpty()) {
            out.add(f -> keywords.stream().filter(k -> f.text().contains(k)).findFirst().map(k -> "关键词 " + k));
        }
        List<String> sources = rule.sourceList();
        if (!sources.isEmpty()) {
            out.add(f -> f.source() != null && sources.contains(f.source()) ? Optional.of("来源 " + f.source()) : Optional.empty());
        }
        if (rule.maxSentiment != null) {
            double max = rule.maxSentiment;
            out.add(f -> f.sentimentScore() != null && f.sentimentScore() <= max
                    ? Optional.of(String.format("情感 %.2f ≤ %.2f", f.sentimentScore(), max)) : Optional.empty());
        }
        if (rule.toPlace) {
            out.add(f -> placeUnits(f, units).isEmpty() ? Optional.empty()
                    : Optional.of("属地 " + String.join("、", placeUnits(f, units).stream().map(u -> u.name).toList())));
        }
        return out;
    }

    /** Applies one rule to one post. */
    public static Verdict evaluate(RoutingRule rule, PostFacts facts, Units units) {
        List<String> reasons = new ArrayList<>();
        for (Condition c : conditions(rule, units)) {
            Optional<String> why = c.apply(facts);
            if (why.isEmpty()) {
                return new Verdict(rule, false, null, List.of());
            }
            reasons.add(why.get());
        }
        List<OrgUnit> targets = new ArrayList<>();
        rule.targetList().stream().map(units.byName()::get).filter(u -> u != null).forEach(targets::add);
        if (rule.toPlace) {
            placeUnits(facts, units).stream().filter(u -> !targets.contains(u)).forEach(targets::add);
        }
        return new Verdict(rule, true, reasons.isEmpty() ? "无条件" : String.join("，", reasons), targets);
    }

    /**
     * The jurisdiction units a post names, most specific only: a community or village, else a street or town (a
     * street named together with one of its communities gives the community). The district itself routes nowhere.
     */
    static List<OrgUnit> placeUnits(PostFacts facts, Units units) {
        List<OrgUnit> named = new ArrayList<>();
        for (PlaceMention p : facts.places()) {
            OrgUnit u = p.unit() == null ? null : units.byName().get(p.unit());
            if (u != null && u.kind.isJurisdiction() && u.kind != UnitKind.DISTRICT && !named.contains(u)) {
                named.add(u);
            }
        }
        Set<Long> parentsOfNamed = new java.util.HashSet<>();
        named.forEach(u -> {
            if (u.parentId != null) {
                parentsOfNamed.add(u.parentId);
            }
        });
        return named.stream().filter(u -> !parentsOfNamed.contains(u.id)).toList();
    }
}
