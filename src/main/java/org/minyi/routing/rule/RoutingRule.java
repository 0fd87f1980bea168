package org.minyi.routing.rule;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.List;
import org.minyi.common.JsonText;
import org.minyi.routing.Grade;

/**
 * One routing rule: conditions that must all hold (an empty condition holds for every post) and the units that get
 * the post when they do. List conditions hold when any of their values matches. Rules are tried in {@code position}
 * order; the first rule that names a unit decides for that unit.
 */
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {

    private static final TypeReference<List<String>> LIST = new TypeReference<>() { };

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 100)
    public String name;

    @Column(nullable = false)
    public boolean enabled = true;

    /** Taxonomy categories, JSON array. */
    @Column(length = 1000)
    public String categories;

    /** Jurisdiction units (a place in or below one of them holds), JSON array of unit names. */
    @Column(length = 1000)
    public String places;

    /** Words in the title or content, JSON array. */
    @Column(length = 1000)
    public String keywords;

    /** Source names, JSON array. */
    @Column(length = 1000)
    public String sources;

    /** Holds when the sentiment score is at most this (scores run from -1, most negative, to 1). */
    @Column(name = "max_sentiment")
    public Double maxSentiment;

    /** Units that get the post, JSON array of unit names. */
    @Column(name = "target_units", length = 1000)
    public String targetUnits;

    /** 属地管理: the community or village (else street or town) the post names gets it too. */
    @Column(name = "to_place", nullable = false)
    public boolean toPlace;

    /** Open a case automatically when a newly stored post matches. */
    @Column(name = "auto_open", nullable = false)
    public boolean autoOpen;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Grade grade = Grade.GENERAL;

    @Version
    public long version;

    public List<String> categoryList() {
        return JsonText.read(categories, LIST, List.of());
    }

    public List<String> placeList() {
        return JsonText.read(places, LIST, List.of());
    }

    public List<String> keywordList() {
        return JsonText.read(keywords, LIST, List.of());
    }

    public List<String> sourceList() {
        return JsonText.read(sources, LIST, List.of());
    }

    public List<String> targetList() {
        return JsonText.read(targetUnits, LIST, List.of());
    }
}
