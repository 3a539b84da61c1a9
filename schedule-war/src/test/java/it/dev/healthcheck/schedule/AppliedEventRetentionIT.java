package it.dev.healthcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.healthcheck.kit.events.SagaEvent;
import dev.healthcheck.kit.inbox.AppliedEvent;
import dev.healthcheck.kit.inbox.AppliedEventRetention;
import dev.healthcheck.kit.inbox.EventInbox;
import dev.healthcheck.kit.lease.ExclusiveJobs;
import dev.healthcheck.kit.lease.JobLease;
import dev.healthcheck.kit.lease.JobLeases;
import dev.healthcheck.kit.persistence.InstantConverter;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inbox of applied event ids is purged after its retention window (7 days by default) in the real
 * server and database: the ids of old events go, in several batches, and recent ones stay.
 */
@ExtendWith(ArquillianExtension.class)
class AppliedEventRetentionIT {

    /** More than two batches of the default 500. */
    private static final int OLD = 1_100;
    private static final int RECENT = 20;

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "retention-it.war")
                .addClasses(AppliedEventRetention.class, EventInbox.class, AppliedEvent.class, InstantConverter.class,
                        ExclusiveJobs.class, JobLeases.class, JobLease.class,
                        SagaEvent.class)
                .addAsResource("META-INF/persistence.xml")
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Inject
    AppliedEventRetention retention;

    /** Plain JDBC: rows appliedAt days ago, which the application itself never writes. */
    @Resource(lookup = "jdbc/healthcheck")
    DataSource database;

    @Test
    void idsOlderThanTheRetentionAreForgottenAndRecentOnesKept() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        try (Connection connection = database.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO APPLIED_EVENT (EVENTID, EVENTTYPE, APPLIEDAT) VALUES (?, 'Test', ?)")) {
            for (int i = 0; i < OLD; i++) {
                add(insert, run + "-old-" + i, now.minus(Duration.ofDays(8)).minusSeconds(i));
            }
            for (int i = 0; i < RECENT; i++) {
                add(insert, run + "-new-" + i, i % 2 == 0 ? now.minus(Duration.ofDays(6)) : now);
            }
            insert.executeBatch();
        }

        int purged = retention.purge();

        assertTrue(purged >= OLD, "purged " + purged + ", at least the " + OLD + " old ids of this run");
        assertEquals(0, count(run + "-old-%"), "old ids left");
        assertEquals(RECENT, count(run + "-new-%"), "recent ids kept");
        assertEquals(0, retention.purge(), "nothing old is left for a second purge");
    }

    private static void add(PreparedStatement insert, String eventId, Instant appliedAt) throws SQLException {
        insert.setString(1, eventId);
        insert.setTimestamp(2, Timestamp.from(appliedAt));
        insert.addBatch();
    }

    private long count(String pattern) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM APPLIED_EVENT WHERE EVENTID LIKE ?")) {
            count.setString(1, pattern);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
