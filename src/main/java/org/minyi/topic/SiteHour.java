package org.minyi.topic;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** All posts of the site in one hour, and how many topics had posts in it: the emerging-topic baseline. */
@Entity
@Table(name = "site_hour")
public class SiteHour extends PanacheEntityBase {

    @Id
    @Column(name = "hour_start")
    public Instant hourStart;

    @Column(nullable = false)
    public int posts;

    @Column(nullable = false)
    public int topics;
}
