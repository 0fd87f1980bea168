package org.minyi.nlp;

/**
 * A place named in a text.
 *
 * @param name  the text as written (a jurisdiction name or alias, or another place name)
 * @param unit  canonical jurisdiction unit name (e.g. 湖滨社区) or {@code null} for places outside the jurisdiction
 * @param level jurisdiction level (district, street, town, community, village) or {@code null} when {@code unit} is null
 */
public record PlaceMention(String name, String unit, String level) {
}
