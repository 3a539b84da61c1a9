package dev.healthcheck.kit.health;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import dev.healthcheck.kit.jms.BrokerAccount;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Whether this server is connected to the broker, told truthfully: one JMS connection of its own, outside
 * the resource adapter's pool (whose connections reconnect silently, so they never tell of an outage), with
 * an ExceptionListener that hears the moment it is lost. While there is none, the managed scheduler opens a
 * fresh one every {@code broker.probe.interval-ms}. The loss and the return are logged once each, and
 * {@code /metrics} has {@code healthcheck_broker_connected} (1 or 0).
 */
@ApplicationScoped
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry metrics;

    @Inject
    BrokerAccount broker;

    @Inject
    @ConfigProperty(name = "broker.probe.interval-ms", defaultValue = "2000")
    long intervalMillis;

    ConnectionFactory factory;
    /** Ended with the application: a dev-mode restart would otherwise leave the old probe running. */
    private ScheduledFuture<?> probe;

    /** Guarded by this: the connection being watched, or null while the broker is away. */
    private Connection connection;
    /** Null until the first attempt has an answer. */
    private volatile Boolean connected;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // No reconnection inside the client: a lost connection must reach the ExceptionListener at once.
        // Threads of its own: the listeners' sessions, reconnecting in the client's shared pool, kept
        // mypage's failure notice waiting for as long as the broker was away. Pings every 5 s find a
        // broker that vanished without closing the socket, within the TTL.
        factory = broker.factory("reconnectAttempts=0&useGlobalPools=false&clientFailureCheckPeriod=5000&connectionTTL=15000");
        metrics.gauge(Metadata.builder().withName("healthcheck.broker.connected")
                .withDescription("1 while this server holds a connection to the broker, 0 while the broker is away")
                .build(), this, broker -> broker.isConnected() ? 1 : 0);
        probe = scheduler.scheduleWithFixedDelay(this::connectUnlessConnected, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return Boolean.TRUE.equals(connected);
    }

    synchronized void connectUnlessConnected() {
        if (connection != null) {
            return;
        }
        try {
            Connection fresh = broker.connect(factory);
            fresh.setExceptionListener(lost -> lost(fresh, lost));
            connection = fresh;
            changeTo(true, null);
        } catch (JMSException | RuntimeException unreachable) {
            // Not rethrown: a scheduled task that throws is never run again, and the next tick tries anew.
            changeTo(false, unreachable);
        }
    }

    synchronized void lost(Connection which, JMSException reason) {
        if (which != connection) {
            return;
        }
        closeQuietly(connection);
        connection = null;
        changeTo(false, reason);
    }

    private void changeTo(boolean now, Exception reason) {
        Boolean before = connected;
        connected = now;
        if (before != null && before == now) {
            return;
        }
        String where = "the broker at " + broker.address();
        if (now) {
            LOG.info(before == null ? "connected to " + where : "the connection to " + where + " is back");
        } else {
            LOG.warning((before == null ? "cannot connect to " : "lost the connection to ") + where + " (" + reason
                    + "); requests are still served and events wait in the outbox; trying again every "
                    + intervalMillis + " ms");
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (probe != null) {
            probe.cancel(false);
        }
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException alreadyGone) {
            // nothing to release on a connection the broker has dropped
        }
    }
}
