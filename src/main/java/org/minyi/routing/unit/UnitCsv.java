package org.minyi.routing.unit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minyi.common.ApiException;
import org.minyi.common.Validation;
import org.minyi.security.AppUser;

/**
 * The whole unit list as CSV: {@code name,kind,parent,aliases,head,spokespersons}, aliases and spokespersons separated
 * by {@code |}, the parent and the head by name. Import is all-or-nothing: every bad line is reported with its number
 * and nothing is stored; known names are updated, new ones created, units not in the file are left alone.
 */
@ApplicationScoped
public class UnitCsv {

    @jakarta.inject.Inject
    org.minyi.audit.AuditLog audit;


    public static final String HEADER = "name,kind,parent,aliases,head,spokespersons";

    @Inject
    UnitService units;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    public String export() {
        List<OrgUnit> all = units.list();
        Map<Long, String> names = new HashMap<>();
        all.forEach(u -> names.put(u.id, u.name));
        Map<Long, List<String>> members = units.spokespersons(names.keySet());
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (OrgUnit u : all) {
            sb.append(String.join(",", cell(u.name), cell(u.kind.name()), cell(names.get(u.parentId)),
                    cell(String.join("|", u.aliasList())), cell(units.username(u.headUserId)),
                    cell(String.join("|", members.getOrDefault(u.id, List.of()))))).append('\n');
        }
        return sb.toString();
    }

    /** Result of an import: how many units were created and updated. */
    public record Imported(int created, int updated) {
    }

    private record Row(int line, String name, UnitKind kind, String parent, List<String> aliases, String head,
                       List<String> spokespersons) {
    }

    @Transactional
    public Imported importCsv(String text) {
        Validation v = new Validation();
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("body", "is empty; send text/csv with the header " + HEADER);
        }
        List<List<String>> records = parse(text);
        if (records.isEmpty() || !String.join(",", records.get(0)).strip().replace("\uFEFF", "").equalsIgnoreCase(HEADER)) {
            throw ApiException.badRequest("line 1", "the header must be " + HEADER);
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            int line = i + 1;
            if (r.size() == 1 && r.get(0).isBlank()) {
                continue;
            }
            Validation lv = v.nested("line " + line + ".");
            if (r.size() != 6) {
                lv.reject("columns", "has " + r.size() + " columns; expected 6 (" + HEADER + ")");
                continue;
            }
            String name = lv.required("name", r.get(0).strip(), 100);
            UnitKind kind = UnitKind.parse(r.get(1)).orElse(null);
            if (kind == null) {
                lv.reject("kind", "unknown kind '" + r.get(1) + "' (DEPARTMENT, DISTRICT, STREET, TOWN, COMMUNITY, VILLAGE)");
            }
            List<String> aliases = split(r.get(3));
            List<String> spokes = split(r.get(5));
            String head = r.get(4).strip();
            if (!head.isEmpty() && AppUser.findByUsername(head).isEmpty()) {
                lv.reject("head", "no user '" + head + "'");
            }
            for (String s : spokes) {
                if (AppUser.findByUsername(s).isEmpty()) {
                    lv.reject("spokespersons", "no user '" + s + "'");
                }
            }
            if (name != null && rows.containsKey(name)) {
                lv.reject("name", "repeats line " + rows.get(name).line());
            }
            if (name != null) {
                rows.put(name, new Row(line, name, kind, r.get(2).strip(), aliases, head.isEmpty() ? null : head, spokes));
            }
        }
        // parents: in the file or already stored, and of a kind that may hold the unit
        for (Row row : rows.values()) {
            if (row.kind() == null) {
                continue;
            }
            UnitKind parentKind = null;
            if (!row.parent().isEmpty()) {
                Row inFile = rows.get(row.parent());
                OrgUnit stored = inFile == null ? OrgUnit.findByName(row.parent()).orElse(null) : null;
                if (inFile == null && stored == null) {
                    v.reject("line " + row.line() + ".parent", "no unit '" + row.parent() + "' in the file or stored");
                    continue;
                }
                if (row.parent().equals(row.name())) {
                    v.reject("line " + row.line() + ".parent", "is the unit itself");
                    continue;
                }
                parentKind = inFile != null ? inFile.kind() : stored.kind;
            }
            if (parentKind != null || row.parent().isEmpty()) {
                if (!row.kind().mayHaveParent(parentKind)) {
                    v.reject("line " + row.line() + ".parent", "a " + row.kind() + " cannot sit below "
                            + (parentKind == null ? "nothing" : "a " + parentKind));
                }
            }
        }
        v.throwIfInvalid();
        int created = 0;
        int updated = 0;
        Instant now = Instant.now(clock);
        Map<String, OrgUnit> saved = new HashMap<>();
        for (Row row : rows.values()) {
            OrgUnit unit = OrgUnit.findByName(row.name()).orElse(null);
            if (unit == null) {
                unit = new OrgUnit();
                unit.name = row.name();
                unit.createdAt = now;
                created++;
            } else {
                updated++;
            }
            unit.kind = row.kind();
            unit.aliases = row.aliases().isEmpty() ? null : String.join("|", row.aliases());
            unit.headUserId = row.head() == null ? null : AppUser.findByUsername(row.head()).orElseThrow().id;
            unit.persist();
            saved.put(row.name(), unit);
        }
        for (Row row : rows.values()) {
            OrgUnit unit = saved.get(row.name());
            unit.parentId = row.parent().isEmpty() ? null
                    : saved.containsKey(row.parent()) ? saved.get(row.parent()).id : OrgUnit.findByName(row.parent()).orElseThrow().id;
            units.members(unit, row.spokespersons());
        }
        audit.record("UNIT_IMPORTED", "unit", null, created + " created, " + updated + " updated");
        return new Imported(created, updated);
    }

    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String s : cell.split("\\|")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** RFC 4180 records: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
