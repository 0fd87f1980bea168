package org.minyi.alert.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Evaluates one rule on a batch of posts. With ALL, post conditions (phrases, watched sources) select the batch's
 * posts, the selected posts are grouped by topic, and every topic condition must hold for the topic and every
 * district condition for the district. A rule of district conditions only has the district as its subject. With ANY,
 * each condition is evaluated alone and the firings of one subject are joined.
 */
public final class RuleEvaluator {

    private RuleEvaluator() {
    }

    public static List<Firing> evaluate(RuleSpec rule, List<PostFacts> posts, Function<PostFacts, PhraseIndex.Occurrences> occurrences,
                                        Counts counts, Instant now) {
        if (posts.isEmpty()) {
            return List.of();
        }
        if (!rule.any()) {
            return all(rule, rule.checks(), posts, occurrences, counts, now);
        }
        Map<String, Firing> joined = new LinkedHashMap<>();
        for (Check c : rule.checks()) {
            for (Firing f : all(rule, List.of(c), posts, occurrences, counts, now)) {
                joined.merge(f.subject(), f, (a, b) -> {
                    List<PostFacts> ev = new ArrayList<>(a.evidence());
                    b.evidence().stream().filter(p -> ev.stream().noneMatch(q -> q.id() == p.id())).forEach(ev::add);
                    List<String> reasons = new ArrayList<>(a.reasons());
                    reasons.addAll(b.reasons());
                    return new Firing(rule, a.subject(), a.topicId(), ev, reasons, Math.max(a.strength(), b.strength()));
                });
            }
        }
        return new ArrayList<>(joined.values());
    }

    private static List<Firing> all(RuleSpec rule, List<Check> checks, List<PostFacts> posts,
                                    Function<PostFacts, PhraseIndex.Occurrences> occurrences, Counts counts, Instant now) {
        List<Check.PostCheck> postChecks = new ArrayList<>();
        List<Check.CountCheck> topicChecks = new ArrayList<>();
        List<Check.CountCheck> districtChecks = new ArrayList<>();
        for (Check c : checks) {
            if (c instanceof Check.PostCheck p) {
                postChecks.add(p);
            } else if (c instanceof Check.CountCheck cc) {
                (cc.district() ? districtChecks : topicChecks).add(cc);
            }
        }
        double strength = 1;
        List<String> districtReasons = new ArrayList<>();
        for (Check.CountCheck c : districtChecks) {
            Measure m = measure(c, null, counts, now);
            if (!m.holds()) {
                return List.of();
            }
            strength = Math.max(strength, m.strength());
            districtReasons.add(m.reason());
        }
        // posts selected by the post conditions, with the first reason of each
        Map<Long, String> postReason = new HashMap<>();
        List<PostFacts> selected = new ArrayList<>();
        for (PostFacts p : posts) {
            String reason = null;
            boolean holds = true;
            PhraseIndex.Occurrences occ = null;
            for (Check.PostCheck c : postChecks) {
                String r;
                if (c instanceof Check.Phrase ph) {
                    if (occ == null) {
                        occ = occurrences.apply(p);
                    }
                    r = ph.match(occ);
                } else {
                    Check.Watch w = (Check.Watch) c;
                    r = w.match(p.sourceName(), p.sourceId(), p.author());
                }
                if (r == null) {
                    holds = false;
                    break;
                }
                reason = reason == null ? r : reason + "，" + r;
            }
            if (holds) {
                selected.add(p);
                if (reason != null) {
                    postReason.put(p.id(), reason);
                }
            }
        }
        if (selected.isEmpty()) {
            return List.of();
        }
        if (postChecks.isEmpty() && topicChecks.isEmpty()) {
            return List.of(new Firing(rule, "district", null, selected, districtReasons, strength));
        }
        Map<String, List<PostFacts>> bySubject = new LinkedHashMap<>();
        for (PostFacts p : selected) {
            bySubject.computeIfAbsent(p.subject(), k -> new ArrayList<>()).add(p);
        }
        List<Firing> out = new ArrayList<>();
        for (Map.Entry<String, List<PostFacts>> e : bySubject.entrySet()) {
            Long topic = e.getValue().get(0).topicId();
            double s = strength;
            List<String> reasons = new ArrayList<>(districtReasons);
            boolean holds = true;
            for (Check.CountCheck c : topicChecks) {
                if (topic == null) {
                    holds = false;
                    break;
                }
                Measure m = measure(c, topic, counts, now);
                if (!m.holds()) {
                    holds = false;
                    break;
                }
                s = Math.max(s, m.strength());
                reasons.add(m.reason());
            }
            if (!holds) {
                continue;
            }
            e.getValue().stream().map(p -> postReason.get(p.id())).filter(r -> r != null).distinct().limit(3)
                    .forEach(r -> reasons.add("命中" + r));
            out.add(new Firing(rule, e.getKey(), topic, e.getValue(), reasons, s));
        }
        return out;
    }

    private static Measure measure(Check.CountCheck c, Long topic, Counts counts, Instant now) {
        if (c instanceof Check.Spike s) {
            return counts.spike(s, topic, now);
        }
        return counts.emerging((Check.Emerging) c, topic);
    }
}
