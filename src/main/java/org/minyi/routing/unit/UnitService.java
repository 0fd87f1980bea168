package org.minyi.routing.unit;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minyi.common.ApiException;
import org.minyi.common.Validation;
import org.minyi.nlp.NlpResources;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.routing.RoutingConfig;
import org.minyi.security.AppUser;

/** Units with their heads and spokespersons; CSV import and export; the demo district at first start. */
@ApplicationScoped
public class UnitService {

    @jakarta.inject.Inject
    org.minyi.audit.AuditLog audit;


    /** The departments that own the taxonomy's categories by default (product.md). */
    public static final List<String> DEMO_DEPARTMENTS = List.of("生态环境分局", "住建局", "公安分局", "应急管理局", "市场监管局",
            "人社局", "综合行政执法局", "交通局", "教育局", "卫健局", "信访局", "宣传部");

    public static final String SPOKESPERSON = "SPOKESPERSON";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    TextAnalyzer analyzer;

    @Inject
    RoutingConfig config;

    /** What a client sends to create or replace a unit. */
    public record UnitInput(String name, String kind, Long parentId, List<String> aliases, String head,
                            List<String> spokespersons) {
    }

    @Transactional
    void loadDemo(@Observes @Priority(10) StartupEvent event) {
        if (!config.demoUnits() || OrgUnit.count() > 0) {
            return;
        }
        Instant now = Instant.now(clock);
        Map<String, OrgUnit> byName = new HashMap<>();
        for (NlpResources.Unit u : analyzer.resources().jurisdiction()) {
            OrgUnit unit = new OrgUnit();
            unit.name = u.name();
            unit.kind = UnitKind.parse(u.level()).orElse(UnitKind.COMMUNITY);
            unit.parentId = u.parent() == null || byName.get(u.parent()) == null ? null : byName.get(u.parent()).id;
            unit.aliases = u.aliases().isEmpty() ? null : String.join("|", u.aliases());
            unit.createdAt = now;
            unit.persist();
            byName.put(unit.name, unit);
        }
        Long district = byName.values().stream().filter(u -> u.kind == UnitKind.DISTRICT).map(u -> u.id).findFirst().orElse(null);
        for (String name : DEMO_DEPARTMENTS) {
            OrgUnit unit = new OrgUnit();
            unit.name = name;
            unit.kind = UnitKind.DEPARTMENT;
            unit.parentId = district;
            unit.createdAt = now;
            unit.persist();
        }
        Log.infof("Demo district: %d jurisdiction units and %d departments loaded (fictional names)", byName.size(),
                DEMO_DEPARTMENTS.size());
    }

    public List<OrgUnit> list() {
        return OrgUnit.listAll(Sort.by("id"));
    }

    public OrgUnit get(long id) {
        OrgUnit unit = OrgUnit.findById(id);
        if (unit == null) {
            throw ApiException.notFound("unit", id);
        }
        return unit;
    }

    @Transactional
    public OrgUnit create(UnitInput input) {
        OrgUnit unit = new OrgUnit();
        unit.createdAt = Instant.now(clock);
        apply(unit, input, new Validation());
        unit.persist();
        members(unit, input.spokespersons());
        audit.record("UNIT_CREATED", "unit", unit.id, unit.name + " spokespersons=" + input.spokespersons() + " head=" + input.head());
        return unit;
    }

    @Transactional
    public OrgUnit update(long id, UnitInput input) {
        OrgUnit unit = get(id);
        apply(unit, input, new Validation());
        members(unit, input.spokespersons());
        audit.record("UNIT_CHANGED", "unit", unit.id, unit.name + " spokespersons=" + input.spokespersons() + " head=" + input.head());
        return unit;
    }

    @Transactional
    public void delete(long id) {
        OrgUnit unit = get(id);
        if (OrgUnit.count("parentId", id) > 0) {
            throw ApiException.conflict("unit " + unit.name + " has units below it; delete or move them first");
        }
        long cases = ((Number) em.createNativeQuery("select count(*) from routing_case where unit_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        if (cases > 0) {
            throw ApiException.conflict("unit " + unit.name + " has " + cases + " cases; it cannot be deleted");
        }
        audit.record("UNIT_DELETED", "unit", id, unit.name);
        unit.delete();
    }

    private void apply(OrgUnit unit, UnitInput in, Validation v) {
        String name = v.required("name", in.name() == null ? null : in.name().strip(), 100);
        UnitKind kind = null;
        if (in.kind() == null || in.kind().isBlank()) {
            v.reject("kind", "is required (DEPARTMENT, DISTRICT, STREET, TOWN, COMMUNITY, VILLAGE)");
        } else {
            kind = UnitKind.parse(in.kind()).orElse(null);
            if (kind == null) {
                v.reject("kind", "unknown kind '" + in.kind() + "' (DEPARTMENT, DISTRICT, STREET, TOWN, COMMUNITY, VILLAGE)");
            }
        }
        OrgUnit parent = null;
        if (in.parentId() != null) {
            parent = OrgUnit.findById(in.parentId());
            if (parent == null) {
                v.reject("parentId", "no unit " + in.parentId());
            } else if (unit.id != null && isBelowOrSame(parent, unit.id)) {
                v.reject("parentId", "would put the unit below itself");
            }
        }
        if (kind != null && (parent != null || in.parentId() == null) && !kind.mayHaveParent(parent == null ? null : parent.kind)) {
            v.reject("parentId", "a " + kind + " cannot sit below " + (parent == null ? "nothing" : "a " + parent.kind));
        }
        List<String> aliases = new ArrayList<>();
        if (in.aliases() != null) {
            for (String a : in.aliases()) {
                if (a == null || a.isBlank() || a.contains("|")) {
                    v.reject("aliases", "an alias must be non-empty and must not contain '|'");
                } else {
                    aliases.add(a.strip());
                }
            }
            if (String.join("|", aliases).length() > 1000) {
                v.reject("aliases", "are longer than 1000 characters together");
            }
        }
        AppUser head = null;
        if (in.head() != null && !in.head().isBlank()) {
            head = AppUser.findByUsername(in.head().strip()).orElse(null);
            if (head == null) {
                v.reject("head", "no user '" + in.head() + "'");
            }
        }
        if (in.spokespersons() != null) {
            for (String s : in.spokespersons()) {
                if (s == null || AppUser.findByUsername(s.strip()).isEmpty()) {
                    v.reject("spokespersons", "no user '" + s + "'");
                }
            }
        }
        v.throwIfInvalid();
        OrgUnit same = OrgUnit.findByName(name).orElse(null);
        if (same != null && !same.id.equals(unit.id)) {
            throw new ApiException(409, "unit " + name + " exists", List.of(new ApiException.FieldError("name", "is taken")));
        }
        unit.name = name;
        unit.kind = kind;
        unit.parentId = parent == null ? null : parent.id;
        unit.aliases = aliases.isEmpty() ? null : String.join("|", aliases);
        unit.headUserId = head == null ? null : head.id;
    }

    private boolean isBelowOrSame(OrgUnit candidate, long unitId) {
        Set<Long> seen = new HashSet<>();
        OrgUnit u = candidate;
        while (u != null && seen.add(u.id)) {
            if (u.id == unitId) {
                return true;
            }
            u = u.parentId == null ? null : OrgUnit.findById(u.parentId);
        }
        return false;
    }

    /** Replaces the unit's spokespersons (null leaves them as they are). */
    void members(OrgUnit unit, List<String> usernames) {
        if (usernames == null) {
            return;
        }
        em.flush();
        em.createNativeQuery("delete from unit_member where unit_id = ?1 and role = ?2")
                .setParameter(1, unit.id).setParameter(2, SPOKESPERSON).executeUpdate();
        for (String name : new LinkedHashSet<>(usernames.stream().map(String::strip).toList())) {
            AppUser user = AppUser.findByUsername(name).orElseThrow();
            em.createNativeQuery("insert into unit_member (unit_id, user_id, role) values (?1, ?2, ?3)")
                    .setParameter(1, unit.id).setParameter(2, user.id).setParameter(3, SPOKESPERSON).executeUpdate();
        }
    }

    /** Usernames of the unit's spokespersons, by unit id. */
    @SuppressWarnings("unchecked")
    public Map<Long, List<String>> spokespersons(Collection<Long> unitIds) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        List<Object[]> rows = em.createNativeQuery("select m.unit_id, u.username from unit_member m join app_user u on u.id = m.user_id"
                + " where m.unit_id in (:ids) and m.role = :role order by u.username").setParameter("ids", unitIds)
                .setParameter("role", SPOKESPERSON).getResultList();
        for (Object[] r : rows) {
            out.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add((String) r[1]);
        }
        return out;
    }

    /** User ids of the unit's spokespersons. */
    @SuppressWarnings("unchecked")
    public List<Long> spokespersonIds(long unitId) {
        List<Object> rows = em.createNativeQuery("select user_id from unit_member where unit_id = ?1 and role = ?2")
                .setParameter(1, unitId).setParameter(2, SPOKESPERSON).getResultList();
        return rows.stream().map(o -> ((Number) o).longValue()).toList();
    }

    /** The units a user answers for: as a spokesperson or as the head. */
    @SuppressWarnings("unchecked")
    public Set<Long> unitsOf(long userId) {
        Set<Long> ids = new HashSet<>();
        List<Object> rows = em.createNativeQuery("select unit_id from unit_member where user_id = ?1").setParameter(1, userId)
                .getResultList();
        rows.forEach(o -> ids.add(((Number) o).longValue()));
        em.createQuery("select u.id from OrgUnit u where u.headUserId = :u", Long.class).setParameter("u", userId)
                .getResultList().forEach(ids::add);
        return ids;
    }

    public String username(Long userId) {
        if (userId == null) {
            return null;
        }
        AppUser u = AppUser.findById(userId);
        return u == null ? null : u.username;
    }
}
