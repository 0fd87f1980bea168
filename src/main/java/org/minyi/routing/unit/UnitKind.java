package org.minyi.routing.unit;

import java.util.Arrays;
import java.util.Optional;

/** What a unit is: a department, or a level of the jurisdiction tree (district → street or town → community or village). */
public enum UnitKind {
    DEPARTMENT, DISTRICT, STREET, TOWN, COMMUNITY, VILLAGE;

    public static Optional<UnitKind> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(value.strip())).findFirst();
    }

    /** Whether a unit of this kind may sit below a unit of {@code parent} kind (null: no parent). */
    public boolean mayHaveParent(UnitKind parent) {
        return switch (this) {
            case DEPARTMENT, DISTRICT -> parent == null || parent == DISTRICT;
            case STREET, TOWN -> parent == DISTRICT;
            case COMMUNITY, VILLAGE -> parent == STREET || parent == TOWN;
        };
    }

    public boolean isJurisdiction() {
        return this != DEPARTMENT;
    }
}
