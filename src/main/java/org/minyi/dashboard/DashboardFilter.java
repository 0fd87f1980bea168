package org.minyi.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolved dashboard filter: the period, the category (a post's first category), the places (a jurisdiction unit
 * and the units below it; null for any) and the unit whose cases the response statistics show (null for all; a
 * jurisdiction unit also sets the places).
 */
public record DashboardFilter(Period period, String category, String place, List<String> places,
                              Long unitId, String unitName) {

    public boolean unfiltered() {
        return category == null && places == null;
    }

    /** A link to the posts list with this filter's period, category and place plus the given extra filters. */
    public String postsLink(Map<String, String> extra) {
        return postsLink(period.from(), period.to(), extra);
    }

    public String postsLink(java.time.Instant from, java.time.Instant to, Map<String, String> extra) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from", OffsetDateTime.ofInstant(from, period.zone()).toString());
        q.put("to", OffsetDateTime.ofInstant(to, period.zone()).toString());
        if (category != null) {
            q.put("category", category);
        }
        if (place != null) {
            q.put("place", place);
        }
        q.putAll(extra);
        StringBuilder sb = new StringBuilder("/posts?");
        q.forEach((k, v) -> {
            if (v != null) {
                if (sb.charAt(sb.length() - 1) != '?') {
                    sb.append('&');
                }
                sb.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }
}
