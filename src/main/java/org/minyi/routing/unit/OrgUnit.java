package org.minyi.routing.unit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A unit that answers: a department (部门) or a jurisdiction unit (街道/镇, 社区/村), with its head and spokespersons
 * (rows of {@code unit_member}).
 */
@Entity
@Table(name = "org_unit")
public class OrgUnit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 100)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    public UnitKind kind;

    @Column(name = "parent_id")
    public Long parentId;

    /** Other names the unit goes by, separated by {@code |}. */
    @Column(length = 1000)
    public String aliases;

    @Column(name = "head_user_id")
    public Long headUserId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public List<String> aliasList() {
        if (aliases == null || aliases.isBlank()) {
            return List.of();
        }
        return Arrays.stream(aliases.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public static Optional<OrgUnit> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
