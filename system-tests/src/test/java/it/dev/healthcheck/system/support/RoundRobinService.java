package it.dev.healthcheck.system.support;

import dev.healthcheck.system.LibertyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Kubernetes Service in front of a service's replicas, as kube-proxy gives it: a TCP port that hands each
 * new connection to the next ready replica in turn; with none ready the connection is closed at once.
 * "Ready" follows the chart's readiness probe: a replica whose process has died is out at once (checked
 * every second), as a pod whose container exited; one whose /health/ready fails, or is too slow to
 * answer under load, is out after three failed probes in a row, five seconds apart ({@code periodSeconds:
 * 5, failureThreshold: 3}), and back at the first success. A connection stays with the replica it was
 * given, so a killed replica takes its open connections with it, as a killed pod does.
 */
final class RoundRobinService implements AutoCloseable {

    private static final int FAILURE_THRESHOLD = 3;
    /** Readiness is asked every fifth {@link #probe}: every 5 s when probed every second. */
    private static final int PROBE_PERIOD = 5;
    /**
     * How long a readiness probe waits (the chart: 3 s). Eight servers, the database and the broker share
     * two cores here: under a burst of bookings /health/ready answered after more than 3 s three probes in
     * a row on both replicas of reservation, which then left the Service together (seen in this test). Pods
     * with CPU of their own answer at once; this test is about replicas racing, not about this machine.
     */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<LibertyServer> replicas;
    private final ServerSocket listener;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<LibertyServer, Integer> failedProbes = new ConcurrentHashMap<>();
    private final Map<LibertyServer, Integer> ticks = new ConcurrentHashMap<>();
    /** Connections closed without reaching a replica: none was ready, or the one chosen did not accept in time. */
    private final AtomicInteger noneReady = new AtomicInteger();
    private final AtomicInteger notAccepted = new AtomicInteger();

    RoundRobinService(String name, int port, List<LibertyServer> replicas) throws IOException {
        this.name = name;
        this.replicas = List.copyOf(replicas);
        this.replicas.forEach(replica -> failedProbes.put(replica, 0));
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
        Thread accepting = new Thread(this::accept, "service " + name);
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A second of one replica's life as the kubelet sees it: is its process running, and (every 5 s) is it ready? */
    void probe(LibertyServer replica) {
        boolean running = replica.pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
        int tick = ticks.merge(replica, 1, Integer::sum);
        boolean wasReady = failedProbes.get(replica) < FAILURE_THRESHOLD;
        if (!running) {
            failedProbes.put(replica, FAILURE_THRESHOLD);
        } else if (tick % PROBE_PERIOD == 0 || failedProbes.get(replica) >= FAILURE_THRESHOLD) {
            // a replica that is out is asked every second, so a restarted one is back soon after it is ready
            failedProbes.put(replica, replica.isReady(PROBE_TIMEOUT) ? 0 : failedProbes.get(replica) + 1);
        }
        boolean ready = failedProbes.get(replica) < FAILURE_THRESHOLD;
        if (ready != wasReady) {
            // the evidence when a client's connection finds no replica
            System.out.println("service " + name + ": " + replica.name() + (ready ? " ready, in" : running
                    ? " failed " + FAILURE_THRESHOLD + " readiness probes in a row, out" : " exited, out"));
        }
    }

    /** How many connections were closed without reaching a replica, and why. */
    String unforwarded() {
        return "service " + name + ": connections closed unforwarded: " + noneReady.get() + " with no replica ready, "
                + notAccepted.get() + " not accepted by their replica within 2 s";
    }

    List<LibertyServer> replicas() {
        return replicas;
    }

    private List<LibertyServer> ready() {
        return replicas.stream().filter(replica -> failedProbes.get(replica) < FAILURE_THRESHOLD).toList();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                List<LibertyServer> endpoints = ready();
                if (endpoints.isEmpty()) {
                    noneReady.incrementAndGet();
                    client.close();
                    continue;
                }
                LibertyServer replica = endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
                Thread forwarding = new Thread(() -> forward(client, replica.port(), notAccepted), name + " -> " + replica.name());
                forwarding.setDaemon(true);
                forwarding.start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("service " + name + ": " + e);
                }
            }
        }
    }

    private static void forward(Socket client, int port, AtomicInteger notAccepted) {
        try (client; Socket replica = new Socket()) {
            try {
                replica.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            } catch (IOException refused) {
                notAccepted.incrementAndGet();
                throw refused;
            }
            Thread answers = new Thread(() -> copy(replica, client), "answers from " + port);
            answers.setDaemon(true);
            answers.start();
            copy(client, replica);
            answers.join();
        } catch (IOException gone) {
            // the replica went away or refused: the client sees its connection closed, as through kube-proxy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One direction of the connection; socket streams are unbuffered, so every read is passed on at once. */
    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException broken) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // going anyway
        }
    }

    @Override
    public void close() throws IOException {
        System.out.println(unforwarded());
        listener.close();
    }
}
