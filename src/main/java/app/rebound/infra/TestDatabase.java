package app.rebound.infra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The test database of one checkout. Tests clean their database at start, so two checkouts on one machine must
 * never share one: the default name is derived from the checkout's path ({@code rebound_test_<8 hex>}), and
 * {@code REBOUND_TEST_DB} still overrides it. The database is created when missing, which needs a role that may
 * create databases (README, "Test it").
 */
public final class TestDatabase {
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private TestDatabase() {
    }

    /** {@code rebound_test_} and the first 8 hex digits of the SHA-256 of the checkout's absolute, normalised path. */
    public static String defaultName(Path checkout) {
        String path = checkout.toAbsolutePath().normalize().toString();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "rebound_test_" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A database name we are willing to put into CREATE DATABASE: lower-case letters, digits and underscores. */
    public static String checkedName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!SAFE_NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("REBOUND_TEST_DB must be letters, digits and underscores (at most 63): " + name);
        }
        return n;
    }

    /**
     * Creates {@code database} on the server unless it exists. A server that cannot be reached is left to the
     * datasource to report; a missing role or a role without CREATEDB gets a message that says what to run.
     */
    public static void ensureExists(String hostPort, String database, String user, String password) {
        String url = "jdbc:postgresql://" + hostPort + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database " + checkedName(database));
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created concurrently by another test JVM: fine
                    throw new IllegalStateException("Could not create the test database " + database + " as role " + user
                            + " (" + e.getMessage() + "). Give the role CREATEDB: psql -h 127.0.0.1 -U postgres -c "
                            + "\"alter role " + user + " createdb\", or create it: psql -h 127.0.0.1 -U postgres -c "
                            + "\"create database " + database + " owner " + user + "\"", e);
                }
            }
        } catch (SQLException e) {
            if ("28000".equals(e.getSQLState()) || "28P01".equals(e.getSQLState())) {
                throw new IllegalStateException("PostgreSQL on " + hostPort + " refused role " + user + " (" + e.getMessage()
                        + "). Create it once: psql -h 127.0.0.1 -U postgres -c \"create role " + user + " login password '"
                        + password + "' createdb\"", e);
            }
            // Anything else (server down, ...) is reported by the datasource with its own message.
        }
    }
}
