package org.minyi.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of a process-level test: a fresh PostgreSQL database in the {@code -Ppg} build, else the H2 file
 * under the working directory's {@code data/} (readable from the test only while no service process has it open).
 */
final class ItDatabase implements AutoCloseable {

    private static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/test";
    private final Path workDir;
    private final String pgName;

    private ItDatabase(Path workDir, String pgName) {
        this.workDir = workDir;
        this.pgName = pgName;
    }

    static boolean postgres() {
        return "postgresql".equals(System.getProperty("minyi.db.kind"));
    }

    static ItDatabase create(Path workDir, String prefix) throws SQLException {
        if (!postgres()) {
            return new ItDatabase(workDir, null);
        }
        String name = prefix + "_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return new ItDatabase(workDir, name);
    }

    /** The MINYI_DB_URL for the service, or null for its default H2 file. */
    String serviceUrl() {
        return pgName == null ? null : "jdbc:postgresql://127.0.0.1:5432/" + pgName;
    }

    Connection connect() throws SQLException {
        if (pgName != null) {
            return DriverManager.getConnection(serviceUrl(), "postgres", "");
        }
        return DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data/minyi").toAbsolutePath()
                + ";AUTO_SERVER=FALSE", "sa", "");
    }

    @Override
    public void close() throws SQLException {
        if (pgName != null) {
            try (Connection c = DriverManager.getConnection(PG_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgName + " WITH (FORCE)");
            }
        }
    }
}
