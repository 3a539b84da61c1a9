package dev.healthcheck.kit.schema;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.DerbyDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.snapshot.SnapshotGeneratorFactory;
import liquibase.statement.core.CreateDatabaseChangeLogLockTableStatement;
import liquibase.statement.core.InsertStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.ui.LoggerUIService;

/**
 * Brings a database up to a changelog with Liquibase: the change sets it has not run yet, under
 * Liquibase's lock table (DATABASECHANGELOGLOCK), so that replicas starting together apply them one at a
 * time and the others wait, then find them applied.
 */
public final class Changelogs {

    /** A waiting replica looks again every second (Liquibase's default, 10 s, would stretch every start). */
    private static final Duration LOCK_POLL = Duration.ofSeconds(1);

    /**
     * A lock held longer than this is taken to be a dead server's: the change sets take seconds, and the
     * chart gives a pod 3 minutes to start (its startup probe) before it is killed, migration or not.
     */
    static final Duration STALE_AFTER = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(Changelogs.class.getName());

    private Changelogs() {
    }

    /** Runs on the caller's connection and leaves it open; the changelog is a resource of {@code loader}. */
    public static void update(Connection connection, String changelog, ClassLoader loader) throws Exception {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        // Liquibase reads its lock row, then updates it, in one transaction: under Liberty's default for
        // Derby (repeatable read) two replicas both kept their read lock and deadlocked on the update.
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        if (database instanceof DerbyDatabase derby) {
            // Liquibase would otherwise shut the whole embedded Derby engine down when it is done with it.
            derby.setShutdownEmbeddedDerby(false);
        }
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader),
                Scope.Attr.classLoader.name(), loader,
                // its messages to the server's log, not to standard out
                Scope.Attr.ui.name(), new LoggerUIService(),
                // no usage reports to Liquibase's servers (and no wait on a network that may not reach them)
                AnalyticsArgs.ENABLED.getKey(), false);
        try {
            Scope.child(scope, () -> {
                initialiseLockTable(database);
                // Taken before the update, which creates DATABASECHANGELOG before it takes the lock itself:
                // two replicas starting on an empty database both tried to create it, and one failed.
                LockService lock = LockServiceFactory.getInstance().getLockService(database);
                takeLock(database, lock);
                try {
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                            .execute();
                } finally {
                    // The update releases the lock itself; a second release would be an unconditional
                    // UPDATE that frees the lock of whichever replica took it in the meantime.
                    if (lock.hasChangeLogLock()) {
                        lock.releaseLock();
                    }
                }
            });
        } finally {
            // the pool gets the connection back as it lent it
            connection.setAutoCommit(autoCommit);
            connection.setTransactionIsolation(isolation);
        }
    }

    /**
     * Waits for Liquibase's lock as its own {@code waitForLock} would, but takes over a lock older than
     * {@link #STALE_AFTER}: its holder died while migrating (kill -9, a node lost), and Liquibase alone
     * would keep every later start waiting for it until someone cleared the row by hand.
     */
    private static void takeLock(Database database, LockService lock) throws Exception {
        while (!lock.acquireLock()) {
            int released = breakStaleLock(database);
            if (released > 0) {
                LOG.warning(() -> "Took over Liquibase's lock (DATABASECHANGELOGLOCK), held for more than "
                        + STALE_AFTER.toMinutes() + " minutes by a server that is gone");
            } else {
                Thread.sleep(LOCK_POLL.toMillis());
            }
        }
    }

    /** Frees the lock if it was granted more than {@link #STALE_AFTER} ago by the database's clock; returns the rows freed. */
    private static int breakStaleLock(Database database) throws Exception {
        Executor jdbc = Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database);
        String table = database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(),
                database.getDatabaseChangeLogLockTableName());
        // the JDBC escape is the one date arithmetic Derby and PostgreSQL both understand
        int released = jdbc.update(new RawParameterizedSqlStatement("UPDATE " + table
                + " SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE ID = 1 AND LOCKED = TRUE"
                + " AND LOCKGRANTED < {fn TIMESTAMPADD(SQL_TSI_SECOND, -" + STALE_AFTER.toSeconds() + ", CURRENT_TIMESTAMP)}"));
        database.commit();
        return released;
    }

    /**
     * Creates Liquibase's lock table and its one row if missing, each by one replica only. Liquibase's own
     * initialisation deletes and re-inserts the row when it finds none: a replica that looked just before
     * another inserted and locked it wiped that lock, and both replicas ran the change sets. Whoever loses
     * either race here finds the table and the row made, which is all it wanted.
     */
    private static void initialiseLockTable(Database database) throws Exception {
        Executor jdbc = Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database);
        if (!SnapshotGeneratorFactory.getInstance().hasDatabaseChangeLogLockTable(database)) {
            try {
                jdbc.execute(new CreateDatabaseChangeLogLockTableStatement());
                database.commit();
            } catch (DatabaseException madeByAnother) {
                database.rollback();
            }
        }
        try {
            jdbc.execute(new InsertStatement(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(),
                    database.getDatabaseChangeLogLockTableName()).addColumnValue("ID", 1).addColumnValue("LOCKED", false));
            database.commit();
        } catch (DatabaseException alreadyThere) {
            database.rollback();
        }
    }
}
