package org.minyi.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract between one benchmark command and the suite that collects them into {@code docs/benchmarks.md}.
 *
 * <p>Every benchmark main class prints its own table for the reader and then calls {@link #write()}, which stores
 * {@code target/benchmarks/<id>.json}: the benchmark's id, the commands it ran (so anyone can repeat them) and its
 * figures, each with a unit and, where an issue sets one, the aim and whether it was met. The suite runs each benchmark
 * several times and reports the median of each figure.
 */
public final class BenchmarkResult {

    /** One measured figure. {@code aim} is human-readable ("≥ 1000", "≤ 2000") or null when no aim is set. */
    public record Figure(String name, double value, String unit, String aim, Boolean met, String note) {
    }

    public final String id;
    public final List<String> commands = new ArrayList<>();
    public final List<Figure> figures = new ArrayList<>();

    public BenchmarkResult(String id) {
        this.id = id;
    }

    public BenchmarkResult command(String command) {
        commands.add(command);
        return this;
    }

    /** A figure without an aim. */
    public BenchmarkResult figure(String name, double value, String unit) {
        figures.add(new Figure(name, value, unit, null, null, null));
        return this;
    }

    /** A figure that must be at least {@code aim}. */
    public BenchmarkResult atLeast(String name, double value, String unit, double aim) {
        figures.add(new Figure(name, value, unit, "≥ " + fmt(aim), value >= aim, null));
        return this;
    }

    /** A figure that must be at most {@code aim}. */
    public BenchmarkResult atMost(String name, double value, String unit, double aim) {
        figures.add(new Figure(name, value, unit, "≤ " + fmt(aim), value <= aim, null));
        return this;
    }

    /** Adds a note to the last figure (for example the profile that explains a missed aim). */
    public BenchmarkResult note(String note) {
        Figure last = figures.remove(figures.size() - 1);
        figures.add(new Figure(last.name(), last.value(), last.unit(), last.aim(), last.met(), note));
        return this;
    }

    /** Writes {@code target/benchmarks/<id>.json} (or under {@code -Dminyi.bench.dir}) and returns the path. */
    public Path write() throws IOException {
        Path dir = Path.of(System.getProperty("minyi.bench.dir", "target/benchmarks"));
        Files.createDirectories(dir);
        Path out = dir.resolve(id + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), this);
        System.out.println("benchmark figures written to " + out.toAbsolutePath());
        return out;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
