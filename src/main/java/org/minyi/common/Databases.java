package org.minyi.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** Which database a connection talks to, for the few statements that differ between H2 and PostgreSQL. */
public final class Databases {

    private Databases() {
    }

    public static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }
}
