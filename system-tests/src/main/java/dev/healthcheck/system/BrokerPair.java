package dev.healthcheck.system;

import java.time.Duration;
import java.util.Map;

/**
 * A replicating primary/backup pair of local brokers standing in for the single one (BrokerFailoverIT):
 * the primary on the single broker's port and journal, the backup on {@link Broker#BACKUP_PORT} with a
 * journal of its own, copied from the primary's as it starts.
 */
public final class BrokerPair {

    /** A backup's message once it holds a full copy of the live broker's journal: from then on it can take over. */
    private static final String SYNCHRONIZED = "AMQ221024";
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);

    /** What the servers are given to use the pair (liberty-config's messaging-ha-on.xml). */
    public static final Map<String, String> CLIENT_SETTINGS = Map.of(
            "ARTEMIS_HA", "on",
            "ARTEMIS_BACKUP_HOST", "127.0.0.1",
            "ARTEMIS_BACKUP_PORT", Integer.toString(Broker.BACKUP_PORT));

    private final Broker primary;
    private final Broker backup;

    BrokerPair(Layout layout) {
        this.primary = Broker.primary(layout);
        this.backup = Broker.backup(layout);
    }

    /** Starts the primary, then the backup; returns once the backup is a full replica. */
    void start() {
        backup.wipe();
        primary.start();
        backup.launch();
        backup.awaitLogged(SYNCHRONIZED, SYNC_TIMEOUT);
    }

    public Broker primary() {
        return primary;
    }

    public Broker backup() {
        return backup;
    }

    /**
     * Starts the primary again after its backup took over: it finds the backup live and becomes its
     * backup (no failback). Returns once it is a full replica.
     */
    public void restartPrimaryAsBackup() {
        primary.launch();
        primary.awaitLogged(SYNCHRONIZED, SYNC_TIMEOUT);
    }

    /** The broker clients are connected to: the one with its port open. */
    Broker live() {
        return backup.acceptsConnections() ? backup : primary;
    }

    /** Stops the replicating broker first, so that the live one does not hand over to it as it stops. */
    void stop() {
        Broker live = live();
        (live == primary ? backup : primary).stop();
        live.stop();
    }
}
