package dev.switchboard.database;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Brings a database's schema to this version's: the Flyway migrations under {@code db/migration}, applied in order,
 * each once. Services run this at startup; several instances may run it at once (Flyway serializes them on a
 * PostgreSQL advisory lock), and a schema already current is left untouched.
 */
public final class DatabaseMigrations {

    private DatabaseMigrations() {
    }

    /**
     * Applies the migrations the database lacks.
     *
     * @return how many were applied now (0 when the schema was current)
     */
    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
