package org.minyi.alert.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;
import org.minyi.alert.AlertRule;
import org.minyi.alert.rule.Check;
import org.minyi.alert.rule.Condition;
import org.minyi.alert.rule.PhraseIndex;
import org.minyi.alert.rule.RuleSpec;
import org.minyi.common.Validation;

/**
 * The enabled rules, compiled, with one phrase automaton over all their words. Rebuilt after every edit on this
 * instance, and when another instance changed the rules (a cheap count / last-update check at most every 5 s).
 */
@ApplicationScoped
public class RuleCache {

    private static final Logger LOG = Logger.getLogger(RuleCache.class);
    private static final long CHECK_NANOS = Duration.ofSeconds(5).toNanos();

    /** The compiled rules and their shared phrase automaton. */
    public record RuleSet(List<RuleSpec> rules, PhraseIndex index, String stamp) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    private volatile RuleSet current;
    private volatile long checkedAt;

    public RuleSet get() {
        RuleSet rs = current;
        long now = System.nanoTime();
        if (rs != null && now - checkedAt < CHECK_NANOS) {
            return rs;
        }
        synchronized (this) {
            rs = current;
            if (rs != null && System.nanoTime() - checkedAt < CHECK_NANOS) {
                return rs;
            }
            RuleSet before = rs;
            rs = QuarkusTransaction.requiringNew().call(() -> {
                String stamp = stamp();
                if (before != null && before.stamp().equals(stamp)) {
                    return before;
                }
                return load(stamp);
            });
            current = rs;
            checkedAt = System.nanoTime();
            return rs;
        }
    }

    /** Forgets the compiled rules (after an edit has committed). */
    public void invalidate() {
        current = null;
    }

    private String stamp() {
        Object[] r = em.createQuery("select count(r), max(r.updatedAt), coalesce(sum(r.version), 0) from AlertRule r", Object[].class)
                .getSingleResult();
        return Arrays.toString(r);
    }

    private RuleSet load(String stamp) {
        List<RuleSpec> rules = new ArrayList<>();
        Set<String> words = new LinkedHashSet<>();
        for (AlertRule r : em.createQuery("select r from AlertRule r where r.enabled = true order by r.id", AlertRule.class).getResultList()) {
            RuleSpec spec = compile(r, mapper);
            if (spec != null) {
                rules.add(spec);
                words.addAll(spec.words());
            }
        }
        return new RuleSet(List.copyOf(rules), new PhraseIndex(words), stamp);
    }

    /** Compiles a stored rule; null (logged) when it no longer validates. */
    public static RuleSpec compile(AlertRule r, ObjectMapper mapper) {
        try {
            List<Condition> conditions = mapper.readValue(r.conditions, new TypeReference<List<Condition>>() { });
            Validation v = new Validation();
            List<Check> checks = RuleSpec.compile(v, conditions);
            if (checks == null) {
                LOG.warnf("alert rule %d (%s) skipped: %s", r.id, r.name, v.errors());
                return null;
            }
            return new RuleSpec(r.id == null ? 0 : r.id, r.name, r.level, "ANY".equals(r.matchMode), checks, split(r.recipientUsers),
                    split(r.recipientChannels).stream().map(Long::valueOf).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)),
                    Duration.ofSeconds(r.cooldownSeconds), r.riseEvery);
        } catch (Exception e) {
            LOG.warnf(e, "alert rule %d (%s) skipped", r.id, r.name);
            return null;
        }
    }

    static Set<String> split(String csv) {
        Set<String> out = new LinkedHashSet<>();
        if (csv != null) {
            Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).filter(Objects::nonNull).forEach(out::add);
        }
        return out;
    }
}
