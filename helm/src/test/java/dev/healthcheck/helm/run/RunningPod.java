package dev.healthcheck.helm.run;

import dev.healthcheck.helm.Podman;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One pod of the rendered chart as a podman container, with the kubelet's part: the container started
 * from the pod spec, its probes polled (startup, then liveness and readiness), a container that exits or
 * fails its liveness probe started again with back-off (restartPolicy Always), and termination as the
 * kubelet does it: out of the endpoints, preStop, SIGTERM, SIGKILL when the grace period is over.
 * The chart's pods have one container each; a pod with more is refused rather than half-run.
 */
final class RunningPod {

    /** TLS as the kubelet's HTTPS probes speak it: encrypted, but neither the certificate nor the name checked. */
    private static final SSLContext UNCHECKED_TLS = uncheckedTls();

    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    final String name;
    final String owner;
    final Map<String, String> labels;
    final PodSpec spec;
    final Container container;
    private final Cluster cluster;
    private final String containerName;
    private final List<String> runArguments;
    private final List<String> podVolumes = new ArrayList<>();

    private volatile String ip;
    private volatile boolean ready;
    private volatile boolean terminating;
    private volatile int restarts;
    private volatile Integer lastExit;
    private Thread kubelet;

    RunningPod(Cluster cluster, String name, String owner, Map<String, String> labels, PodSpec spec,
               Map<String, String> claims) {
        if (spec.getContainers().size() != 1 || !spec.getInitContainers().isEmpty()) {
            throw new IllegalArgumentException(name + ": the harness runs pods of exactly one container");
        }
        this.cluster = cluster;
        this.name = name;
        this.owner = owner;
        this.labels = Map.copyOf(labels);
        this.spec = spec;
        this.container = spec.getContainers().get(0);
        this.containerName = cluster.id + "-" + name;
        this.runArguments = runArguments(claims);
    }

    // ---------------------------------------------------------------- translation of the pod spec

    private List<String> runArguments(Map<String, String> claims) {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", containerName,
                "--label", Cluster.LABEL + "=" + cluster.id, "--network", cluster.network, "--hostname", name,
                "--network-alias", name));
        cluster.headlessServicesOf(labels).forEach(service ->
                run.addAll(List.of("--network-alias", name + "." + service, "--network-alias", service)));
        cluster.hosts().forEach((host, address) -> run.addAll(List.of("--add-host", host + ":" + address)));
        run.addAll(List.of("--pull", "Never".equals(container.getImagePullPolicy()) ? "never" : "missing"));
        security(run);
        resources(run);
        Map<String, String> env = cluster.environment(name, spec, container);
        env.forEach((key, value) -> run.addAll(List.of("-e", key + "=" + value)));
        volumes(run, claims);
        if (!container.getCommand().isEmpty()) {
            List<String> command = container.getCommand().stream().map(part -> Cluster.expand(part, env)).toList();
            run.addAll(List.of("--entrypoint", Cluster.JSON.valueToTree(command).toString()));
        }
        run.add(container.getImage());
        container.getArgs().forEach(arg -> run.add(Cluster.expand(arg, env)));
        return run;
    }

    /** The pod's and the container's securityContext merged (the container's wins), as podman options. */
    private void security(List<String> run) {
        PodSecurityContext pod = Optional.ofNullable(spec.getSecurityContext()).orElseGet(PodSecurityContext::new);
        SecurityContext own = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
        Long user = first(own.getRunAsUser(), pod.getRunAsUser());
        Long group = first(own.getRunAsGroup(), pod.getRunAsGroup());
        if (Boolean.TRUE.equals(first(own.getRunAsNonRoot(), pod.getRunAsNonRoot()))) {
            // the kubelet's check: it must be able to tell from the spec or the image that the user is not root
            String effective = user != null ? user.toString() : imageUser();
            if (!effective.matches("\\d+")) {
                throw new IllegalStateException(name + ": image has non-numeric user (" + effective
                        + "), cannot verify user is non-root");
            }
            if (Long.parseLong(effective) == 0) {
                throw new IllegalStateException(name + ": container has runAsNonRoot and image will run as root");
            }
        }
        if (user != null) {
            run.addAll(List.of("--user", user + (group != null ? ":" + group : "")));
        }
        if (pod.getFsGroup() != null) {
            run.addAll(List.of("--group-add", pod.getFsGroup().toString()));
        }
        pod.getSupplementalGroups().forEach(extra -> run.addAll(List.of("--group-add", extra.toString())));
        if (Boolean.TRUE.equals(own.getPrivileged())) {
            throw new IllegalStateException(name + ": privileged containers are not run");
        }
        if (Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            // no tmpfs of podman's own on /tmp, /run: only what the pod mounts is writable, as in Kubernetes
            run.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        if (Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            run.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        Capabilities capabilities = own.getCapabilities();
        if (capabilities != null) {
            capabilities.getDrop().forEach(drop -> run.addAll(List.of("--cap-drop", drop.toLowerCase())));
            capabilities.getAdd().forEach(add -> run.addAll(List.of("--cap-add", add.toLowerCase())));
        }
        var seccomp = Optional.ofNullable(own.getSeccompProfile()).orElse(pod.getSeccompProfile());
        if (seccomp != null && "Unconfined".equals(seccomp.getType())) {
            run.addAll(List.of("--security-opt", "seccomp=unconfined"));
        }
        // RuntimeDefault: podman's default seccomp profile is the runtime's default
    }

    private String imageUser() {
        String user = Podman.run("image", "inspect", "--format", "{{.Config.User}}", container.getImage());
        return user.isEmpty() ? "0" : user.split(":")[0];
    }

    private void resources(List<String> run) {
        if (container.getResources() == null) {
            return;
        }
        Map<String, Quantity> limits = container.getResources().getLimits();
        if (limits.containsKey("memory")) {
            run.addAll(List.of("--memory", Quantity.getAmountInBytes(limits.get("memory")).toBigInteger().toString()));
        }
        if (limits.containsKey("cpu")) {
            run.addAll(List.of("--cpus", Quantity.getAmountInBytes(limits.get("cpu")).toPlainString()));
        }
    }

    private void volumes(List<String> run, Map<String, String> claims) {
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = spec.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElse(null);
            String claim = claims.get(mount.getName());
            String options = Boolean.TRUE.equals(mount.getReadOnly()) ? "ro" : "rw";
            String source;
            if (claim != null) {
                source = claim;
                // a fresh claim is empty: no copy of the image's directory, as on a real volume
                options += ",nocopy";
            } else if (volume == null) {
                throw new IllegalStateException(name + ": volumeMount " + mount.getName() + " names no volume");
            } else if (volume.getEmptyDir() != null) {
                source = containerName + "-" + volume.getName();
                if (!podVolumes.contains(source)) {
                    cluster.createVolume(source, "0777", null);
                    podVolumes.add(source);
                }
                options += ",nocopy";
            } else if (volume.getConfigMap() != null || volume.getSecret() != null) {
                Path files = cluster.projectedFiles(name, volume);
                if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                    files = files.resolve(mount.getSubPath());
                }
                source = files.toAbsolutePath().toString();
                options = "ro";
            } else {
                throw new IllegalStateException(name + ": volume " + volume.getName() + " of a kind the harness does not run");
            }
            if (claim != null || volume.getEmptyDir() != null) {
                if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                    throw new IllegalStateException(name + ": subPath on a volume is not supported by the harness");
                }
            }
            run.addAll(List.of("-v", source + ":" + mount.getMountPath() + ":" + options));
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- the kubelet

    void start() {
        Podman.run(runArguments);
        cluster.event(name, "created");
        kubelet = new Thread(this::kubelet, "kubelet " + name);
        kubelet.setDaemon(true);
        kubelet.start();
    }

    private void kubelet() {
        Duration backOff = Duration.ZERO;
        boolean first = true;
        while (!terminating) {
            if (!first) {
                Podman.attempt("start", containerName);
                cluster.event(name, "restarted (" + restarts + ")");
            }
            first = false;
            ip = Podman.run("inspect", "--format",
                    "{{(index .NetworkSettings.Networks \"" + cluster.network + "\").IPAddress}}", containerName);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Podman.waitFor(containerName));
            Instant running = Instant.now();
            probe(exit);
            ready = false;
            lastExit = exit.join();
            cluster.event(name, "exited " + lastExit);
            if (terminating || "Never".equals(spec.getRestartPolicy())) {
                return;
            }
            restarts++;
            // the kubelet's crash-loop back-off: doubling from 10 s, forgotten after 10 minutes of running
            backOff = Duration.between(running, Instant.now()).toMinutes() >= 10 ? Duration.ZERO
                    : backOff.isZero() ? Duration.ofSeconds(restarts == 1 ? 0 : 10) : min(backOff.multipliedBy(2));
            sleep(backOff);
        }
    }

    private static Duration min(Duration backOff) {
        return backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff;
    }

    /** Probes the running container until it exits; stops it when its startup or liveness probe fails. */
    private void probe(CompletableFuture<Integer> exit) {
        Probe startup = container.getStartupProbe();
        Probe liveness = container.getLivenessProbe();
        Probe readiness = container.getReadinessProbe();
        Schedule startupDue = new Schedule(startup);
        Schedule livenessDue = new Schedule(liveness);
        Schedule readinessDue = new Schedule(readiness);
        boolean started = startup == null;
        if (started) {
            livenessDue.begin();
            readinessDue.begin();
        }
        ready = readiness == null && started;
        while (!exit.isDone()) {
            if (terminating) {
                ready = false;
            } else if (!started && startupDue.due()) {
                if (startupDue.record(run(startup))) {
                    started = true;
                    livenessDue.begin();
                    readinessDue.begin();
                    ready = readiness == null;
                } else if (startupDue.failed()) {
                    cluster.event(name, "startup probe failed " + startupDue.failures + " times: killed");
                    stop(gracePeriod());
                }
            } else if (started) {
                if (liveness != null && livenessDue.due()) {
                    livenessDue.record(run(liveness));
                    if (livenessDue.failed()) {
                        cluster.event(name, "liveness probe failed " + livenessDue.failures + " times: restarted");
                        livenessDue.reset();
                        stop(gracePeriod());
                    }
                }
                if (readiness != null && readinessDue.due()) {
                    boolean success = readinessDue.record(run(readiness));
                    boolean wasReady = ready;
                    if (success && readinessDue.successes >= value(readiness.getSuccessThreshold(), 1)) {
                        ready = true;
                    } else if (readinessDue.failed()) {
                        ready = false;
                    }
                    if (ready != wasReady) {
                        cluster.event(name, ready ? "ready" : "not ready");
                    }
                }
            }
            try {
                exit.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still running: probe again when due
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return;
            }
        }
    }

    /** One probe, as the kubelet runs it: HTTP from the node to the pod's IP, TCP connect, or exec. */
    private boolean run(Probe probe) {
        int timeout = value(probe.getTimeoutSeconds(), 1) * 1000;
        String address = ip;
        try {
            if (probe.getHttpGet() != null) {
                HTTPGetAction get = probe.getHttpGet();
                boolean https = "HTTPS".equals(get.getScheme());
                URI uri = URI.create((https ? "https://" : "http://") + address + ":" + port(get.getPort())
                        + Objects.requireNonNullElse(get.getPath(), "/"));
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                if (connection instanceof HttpsURLConnection secure) {
                    // as the kubelet: an HTTPS probe checks neither the certificate nor the name
                    secure.setSSLSocketFactory(UNCHECKED_TLS.getSocketFactory());
                    secure.setHostnameVerifier((host, session) -> true);
                }
                connection.setConnectTimeout(timeout);
                connection.setReadTimeout(timeout);
                try {
                    int status = connection.getResponseCode();
                    return status >= 200 && status < 400;
                } finally {
                    connection.disconnect();
                }
            }
            if (probe.getTcpSocket() != null) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port(probe.getTcpSocket().getPort())), timeout);
                    return true;
                }
            }
            if (probe.getExec() != null) {
                return exec(probe.getExec(), Duration.ofMillis(timeout));
            }
        } catch (IOException e) {
            return false;
        }
        throw new IllegalStateException(name + ": a probe of a kind the harness does not run: " + probe);
    }

    private boolean exec(ExecAction action, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("exec", containerName));
        command.addAll(action.getCommand());
        CompletableFuture<Podman.Result> result = CompletableFuture.supplyAsync(() -> Podman.attempt(command));
        try {
            return result.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS).exit() == 0;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A port of this pod's container, by number or by the name one of its ports carries. */
    int port(IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " has no port named " + port.getStrVal()));
    }

    private int gracePeriod() {
        return Math.toIntExact(value(spec.getTerminationGracePeriodSeconds(), 30L));
    }

    private void stop(int seconds) {
        Podman.attempt("stop", "-t", Integer.toString(Math.max(seconds, 0)), containerName);
    }

    /** SIGKILL to the container's process, as {@code kill -9} would: the kubelet loop starts it again. */
    void kill9() {
        cluster.event(name, "kill -9");
        Podman.run("kill", "--signal", "KILL", containerName);
    }

    /**
     * Deletes the pod: out of the endpoints at once, then preStop, then SIGTERM, and SIGKILL when the
     * grace period is over. Returns once the container is gone.
     */
    void delete() {
        Instant deadline = Instant.now().plusSeconds(gracePeriod());
        terminating = true;
        ready = false;
        cluster.event(name, "terminating: out of the endpoints");
        LifecycleHandler preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
        if (preStop != null && isRunning()) {
            cluster.event(name, "preStop");
            if (preStop.getExec() != null) {
                exec(preStop.getExec(), Duration.between(Instant.now(), deadline));
            } else if (preStop.getSleep() != null) {
                sleep(Duration.ofSeconds(preStop.getSleep().getSeconds()));
            } else {
                throw new IllegalStateException(name + ": a preStop handler of a kind the harness does not run");
            }
        }
        cluster.event(name, "SIGTERM");
        stop((int) Math.max(0, Duration.between(Instant.now(), deadline).toSeconds()));
        if (kubelet != null) {
            try {
                kubelet.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        remove();
    }

    /** The container and its emptyDirs removed, its log kept under the run's directory. */
    void remove() {
        terminating = true;
        try {
            Files.writeString(cluster.directory.resolve(name + ".log"),
                    Podman.attempt("logs", containerName).output() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Podman.attempt("rm", "-f", "-t", "0", containerName);
            podVolumes.forEach(volume -> Podman.attempt("volume", "rm", "-f", volume));
        }
    }

    private boolean isRunning() {
        return "true".equals(Podman.attempt("inspect", "--format", "{{.State.Running}}", containerName).output());
    }

    /** Runs a pod with restartPolicy Never to its end (helm test); its exit code, or empty past the deadline. */
    Optional<Integer> awaitExit(Duration deadline) {
        try {
            kubelet.join(deadline.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return kubelet.isAlive() ? Optional.empty() : Optional.ofNullable(lastExit);
    }

    String logs() {
        return Podman.attempt("logs", containerName).output();
    }

    boolean isReady() {
        return ready && !terminating;
    }

    boolean isTerminating() {
        return terminating;
    }

    int restarts() {
        return restarts;
    }

    Optional<InetSocketAddress> endpoint(IntOrString targetPort) {
        String address = ip;
        return address == null || address.isEmpty() ? Optional.empty()
                : Optional.of(new InetSocketAddress(address, port(targetPort)));
    }

    private static <T> T value(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When a probe is next due and how it has fared (its period, thresholds and initial delay). */
    private static final class Schedule {
        private final Probe probe;
        private Instant next = Instant.MAX;
        int failures;
        int successes;

        Schedule(Probe probe) {
            this.probe = probe;
            if (probe != null) {
                begin();
            }
        }

        void begin() {
            if (probe != null) {
                next = Instant.now().plusSeconds(value(probe.getInitialDelaySeconds(), 0));
            }
        }

        boolean due() {
            return probe != null && !Instant.now().isBefore(next);
        }

        boolean record(boolean success) {
            next = Instant.now().plusSeconds(value(probe.getPeriodSeconds(), 10));
            failures = success ? 0 : failures + 1;
            successes = success ? successes + 1 : 0;
            return success;
        }

        boolean failed() {
            return failures >= value(probe.getFailureThreshold(), 3);
        }

        void reset() {
            failures = 0;
            successes = 0;
        }
    }

    private static SSLContext uncheckedTls() {
        X509TrustManager anyCertificate = new X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {anyCertificate}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
