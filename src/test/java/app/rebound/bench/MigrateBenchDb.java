package app.rebound.bench;

import org.flywaydb.core.Flyway;

/**
 * Brings a benchmark database to the application's schema with the application's own Flyway migrations (the same
 * files the app runs at start), so bench/generate-bounces.sh can fill it without starting the app.
 * Usage: java -cp ... app.rebound.bench.MigrateBenchDb JDBC_URL USER PASSWORD
 */
public final class MigrateBenchDb {
    private MigrateBenchDb() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: MigrateBenchDb JDBC_URL USER PASSWORD");
            System.exit(2);
        }
        var result = Flyway.configure()
                .dataSource(args[0], args[1], args[2])
                .locations("filesystem:src/main/resources/db/migration")
                // migration ranges are per branch: a database migrated by another branch may miss lower versions
                .outOfOrder(true)
                .load()
                .migrate();
        System.out.println("migrated: " + result.migrationsExecuted + " migrations, schema at "
                + result.targetSchemaVersion);
    }
}
