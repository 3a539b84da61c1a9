package it.dev.healthcheck.system.support;

import dev.healthcheck.system.LibertyServer;
import dev.healthcheck.system.LocalSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The four services as a cluster runs them with {@code replicas: 2}: the system's four servers give way to
 * two replicas of each (eight servers), each pair on its service's database in {@link ServiceDatabases},
 * with the login of that service, all on the system's one broker, sharing the durable subscriptions. Each
 * service's port (8081-8084) becomes a {@link RoundRobinService} over its two replicas, so clients, and
 * reservation calling schedule, reach both replicas as through a Kubernetes Service. Closing puts the
 * system's own four servers back.
 */
public final class ReplicatedSystem implements AutoCloseable {

    public static final List<String> SERVICES = List.of("schedule", "reservation", "delivery", "mypage");
    /** The replicas' own ports: 8101/8102 for schedule, 8103/8104 for reservation, and so on. */
    private static final int FIRST_REPLICA_PORT = 8101;
    /**
     * How long reservation waits for schedule to take seats (1 s by default). Eight servers, the broker and
     * the database share two cores here, where a cluster gives every pod its own: a burst of bookings then
     * takes schedule longer than the default allows, and the circuit breaker answers the rest with 503.
     * The replicated run measures racing, not this machine's CPU, so it waits as RaisedScheduleTimeoutIT does.
     */
    private static final String SEAT_TIMEOUT = "DEV_HEALTHCHECK_RESERVATION_INFRASTRUCTURE_CLIENT_SCHEDULESEATS_TAKE_TIMEOUT_VALUE";
    private static final String SEAT_TIMEOUT_MILLIS = "10000";

    private final LocalSystem system;
    private final Map<String, List<LibertyServer>> replicas = new LinkedHashMap<>();
    private final List<RoundRobinService> services = new ArrayList<>();
    /** A prober per replica: one slow answer must not hold up the others' probes. */
    private final ScheduledExecutorService probes = Executors.newScheduledThreadPool(8);

    private ReplicatedSystem(LocalSystem system) {
        this.system = system;
    }

    /** Stops the system's servers and starts two replicas of each service on {@code databases}. */
    public static ReplicatedSystem start(LocalSystem system, ServiceDatabases databases) throws Exception {
        var replicated = new ReplicatedSystem(system);
        int port = FIRST_REPLICA_PORT;
        for (String service : SERVICES) {
            LibertyServer server = system.server(service);
            Map<String, String> environment = new HashMap<>(TheSystem.TIMINGS);
            environment.putAll(databases.environmentOf(service));
            if (service.equals("reservation")) {
                environment.put(SEAT_TIMEOUT, SEAT_TIMEOUT_MILLIS);
            }
            replicated.replicas.put(service, List.of(
                    server.replica(service + "-1", port++, environment),
                    server.replica(service + "-2", port++, environment)));
        }
        LibertyServer.stopAll(SERVICES.stream().map(system::server).toList());
        try {
            // The first replica of each service creates its tables, the second finds them.
            for (int replica = 0; replica < 2; replica++) {
                int which = replica;
                LibertyServer.startAll(replicated.replicas.values().stream().map(pair -> pair.get(which)).toList());
            }
            for (String service : SERVICES) {
                LibertyServer server = system.server(service);
                replicated.services.add(new RoundRobinService(service, server.port(), replicated.replicas.get(service)));
            }
        } catch (Exception | Error e) {
            replicated.close();
            throw e;
        }
        for (RoundRobinService service : replicated.services) {
            service.replicas().forEach(replica -> replicated.probes.scheduleWithFixedDelay(() -> service.probe(replica),
                    1, 1, TimeUnit.SECONDS));
        }
        return replicated;
    }

    /** The two replicas of a service. */
    public List<LibertyServer> replicasOf(String service) {
        return replicas.get(service);
    }

    /** Per service, the connections closed without reaching a replica so far, and why. */
    public String unforwarded() {
        return String.join("; ", services.stream().map(RoundRobinService::unforwarded).toList());
    }

    public List<LibertyServer> all() {
        return replicas.values().stream().flatMap(List::stream).toList();
    }

    /** Stops and removes the replicas (their logs are kept) and starts the system's own servers again. */
    @Override
    public void close() throws Exception {
        probes.shutdownNow();
        for (RoundRobinService service : services) {
            service.close();
        }
        LibertyServer.stopAll(all());
        all().forEach(LibertyServer::remove);
        LibertyServer.startAll(SERVICES.stream().map(system::server).toList());
    }
}
