package app.rebound.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Starts a real PostgreSQL (zonky's embedded binaries) whose data lives in a directory of the project, so
 * Rebound runs on a machine with only a JDK. Started once per JVM: dev-mode live reload reuses it.
 */
final class EmbeddedPostgres {
    private static final String URL_PROPERTY = "rebound.embedded-pg.url";

    private EmbeddedPostgres() {
    }

    static synchronized String ensureStarted(Path dataDir, String user, String password, String database) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        try {
            Files.createDirectories(dataDir.getParent() == null ? dataDir.toAbsolutePath().getParent() : dataDir.getParent());
            stopOrphan(dataDir);
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                if (!exists(s, "select 1 from pg_roles where rolname = '" + quote(user) + "'")) {
                    s.execute("create role \"" + user.replace("\"", "") + "\" login password '" + quote(password) + "'");
                }
                if (!exists(s, "select 1 from pg_database where datname = '" + quote(database) + "'")) {
                    s.execute("create database \"" + database.replace("\"", "") + "\" owner \"" + user.replace("\"", "") + "\"");
                }
            }
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
            System.setProperty(URL_PROPERTY, url);
            System.out.println("[rebound] embedded PostgreSQL in " + dataDir.toAbsolutePath() + " at " + url);
            return url;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir.toAbsolutePath()
                    + ": " + e.getMessage() + " (set QUARKUS_DATASOURCE_JDBC_URL to use an existing server)", e);
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private static String quote(String s) {
        return s.replace("'", "''");
    }

    /** After a kill -9 the postmaster outlives us and holds the lock file: stop it before starting again. */
    private static void stopOrphan(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
            long pid = Long.parseLong(first);
            Optional<ProcessHandle> ph = ProcessHandle.of(pid);
            if (ph.isPresent() && ph.get().info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
                System.out.println("[rebound] stopping orphan postmaster pid " + pid);
                ph.get().destroy();
                ph.get().onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (Exception e) {
            System.out.println("[rebound] could not check " + pidFile + ": " + e.getMessage());
        }
    }
}
