package dev.healthcheck.helm.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.healthcheck.helm.Chart;
import dev.healthcheck.helm.Podman;
import dev.healthcheck.helm.Rendered;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The rendered chart run in podman as a cluster would run it, everything taken from the rendered
 * manifests. {@code podman kube play} (4.3) lacks StatefulSets, Services, startup and readiness probes
 * and Secrets as env sources, so every workload is translated from the fabric8 objects to
 * {@code podman run} here instead:
 * <ul>
 * <li>a Service: a cluster IP on the host's loopback (reachable from the containers through their
 *     gateway), a TCP forwarder on each of its ports to the ready pods its selector matches
 *     (kube-proxy), and its name on every container ({@code --add-host}, with the namespace forms);
 *     a headless Service: network aliases of its pods;</li>
 * <li>a Deployment: its replicas, and a rolling update in the order its strategy gives; a StatefulSet:
 *     pods {@code <name>-0..n-1}, each claim of its volumeClaimTemplates a named volume that survives
 *     the pod, rolled from the highest ordinal down;</li>
 * <li>Secrets and ConfigMaps as the pod spec references them ({@code env}, {@code envFrom}, volumes);</li>
 * <li>each pod's kubelet ({@link RunningPod}); helm test hook Pods run on demand, to completion;</li>
 * <li>servers the operator runs outside the release ({@link External}, a PostgreSQL say): containers on
 *     the same network under the host names the values give.</li>
 * </ul>
 * HorizontalPodAutoscalers, PodDisruptionBudgets and Ingresses have no effect here.
 */
public final class Cluster implements AutoCloseable {

    static final String LABEL = "dev.healthcheck.chartrun";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK = "helm.sh/hook";
    /** Kubernetes' default progress deadline of a Deployment; a StatefulSet's ordered rollout gets as long. */
    private static final Duration STUCK_AFTER = Duration.ofSeconds(600);

    final String id;
    final String network;
    final Path directory;
    private final String clusterIpPrefix;
    /** Secrets as bytes: a volume of one may hold binary files (PKCS12 stores). */
    private final Map<String, Map<String, byte[]>> secrets = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, InetAddress> clusterIps = new LinkedHashMap<>();
    private final List<ServiceProxy> proxies = new ArrayList<>();
    private final Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
    private final Map<String, StatefulSet> statefulSets = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final List<RunningPod> pods = new CopyOnWriteArrayList<>();
    private final List<String> claims = new ArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<External> externals = new ArrayList<>();
    private Rendered rendered;
    private HttpClient.Builder httpClient;
    private HttpClient client;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread cleanUpAtExit = new Thread(this::close, "chart-run clean-up");

    private Cluster() {
        id = "chartrun-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        network = id;
        directory = Path.of("target/chart-run", id).toAbsolutePath();
        int octet = ThreadLocalRandom.current().nextInt(1, 255);
        clusterIpPrefix = "10.200." + octet + ".";
    }

    /** Starts every workload of the rendering: Services first, then the StatefulSets and Deployments. */
    public static Cluster start(Rendered rendered) {
        return start(rendered, List.of(), null);
    }

    /**
     * Starts the rendering in a namespace that already holds these Secrets (the operator's, such as the
     * TLS stores cert-manager would write); the tests' HTTP clients trust what clientTls trusts.
     */
    public static Cluster start(Rendered rendered, List<Secret> existing, SSLContext clientTls) {
        return start(rendered, existing, clientTls, List.of());
    }

    /**
     * Starts the rendering, as above, beside servers the operator runs outside the release (a database):
     * each is started and ready before the release's first pod.
     */
    public static Cluster start(Rendered rendered, List<Secret> existing, SSLContext clientTls, List<External> outside) {
        Cluster cluster = new Cluster();
        // The connect time-out covers the TLS handshake: 2 s ran out for requests to a pod starved by its
        // neighbours' start on 2 slow cores (a TCP connect to the Service's local listener does not take
        // that long). A browser would wait far longer.
        cluster.httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (clientTls != null) {
            cluster.httpClient.sslContext(clientTls);
        }
        existing.forEach(secret -> cluster.secrets.put(secret.getMetadata().getName(), decoded(secret)));
        try {
            Files.createDirectories(cluster.directory);
            // a test JVM that is stopped (Ctrl-C, a failsafe timeout) still removes what it made
            Runtime.getRuntime().addShutdownHook(cluster.cleanUpAtExit);
            Podman.run("network", "create", "--label", LABEL + "=" + cluster.id, cluster.network);
            outside.forEach(cluster::startExternal);
            cluster.apply(rendered);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Brings the cluster to this rendering, as {@code helm upgrade} and the controllers would: Secrets
     * and ConfigMaps replaced, new Services opened, and each workload whose pod template changed rolled
     * (a new one started).
     */
    public synchronized void apply(Rendered next) {
        rendered = next;
        next.all(Secret.class).forEach(secret -> secrets.put(secret.getMetadata().getName(), decoded(secret)));
        next.all(ConfigMap.class).forEach(map -> configMaps.put(map.getMetadata().getName(), data(map)));
        for (Service service : next.all(Service.class)) {
            if (!services.containsKey(service.getMetadata().getName())) {
                open(service);
            }
        }
        for (StatefulSet set : next.all(StatefulSet.class)) {
            String name = set.getMetadata().getName();
            statefulSets.put(name, set);
            PodTemplateSpec before = templates.put(name, set.getSpec().getTemplate());
            if (before == null) {
                for (int ordinal = 0; ordinal < replicas(set.getSpec().getReplicas()); ordinal++) {
                    startStatefulPod(set, ordinal);
                }
            } else if (!before.equals(set.getSpec().getTemplate())) {
                // RollingUpdate, OrderedReady: from the highest ordinal down, each pod ready before the next goes
                for (int ordinal = replicas(set.getSpec().getReplicas()) - 1; ordinal >= 0; ordinal--) {
                    String podName = name + "-" + ordinal;
                    pods.stream().filter(p -> p.name.equals(podName)).findFirst().ifPresent(this::delete);
                    awaitReady(startStatefulPod(set, ordinal), STUCK_AFTER);
                }
            }
        }
        for (Deployment deployment : next.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            deployments.put(name, deployment);
            PodTemplateSpec before = templates.put(name, deployment.getSpec().getTemplate());
            if (before == null) {
                for (int i = 0; i < replicas(deployment.getSpec().getReplicas()); i++) {
                    startDeploymentPod(deployment);
                }
            } else if (!before.equals(deployment.getSpec().getTemplate())) {
                roll(deployment);
            }
        }
    }

    /**
     * A Deployment's RollingUpdate with its maxSurge and maxUnavailable (counts or percentages of
     * replicas): new pods started as the surge allows, old ones deleted once enough new ones are ready.
     */
    private void roll(Deployment deployment) {
        int replicas = replicas(deployment.getSpec().getReplicas());
        var strategy = deployment.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            podsOf(deployment.getMetadata().getName()).forEach(this::delete);
            for (int i = 0; i < replicas; i++) {
                startDeploymentPod(deployment);
            }
            return;
        }
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        int surge = rolling == null ? Math.max(1, replicas / 4) : absolute(rolling.getMaxSurge(), replicas, true);
        int unavailable = rolling == null ? replicas / 4 : absolute(rolling.getMaxUnavailable(), replicas, false);
        if (surge == 0 && unavailable == 0) {
            throw new IllegalStateException("maxSurge and maxUnavailable both 0 in " + deployment.getMetadata().getName());
        }
        List<RunningPod> old = new ArrayList<>(podsOf(deployment.getMetadata().getName()));
        List<RunningPod> fresh = new ArrayList<>();
        while (!old.isEmpty() || fresh.size() < replicas) {
            while (fresh.size() < replicas && old.size() + fresh.size() < replicas + surge) {
                fresh.add(startDeploymentPod(deployment));
            }
            // as Kubernetes: the rollout is stuck only after the Deployment's progress deadline (600 s unless set),
            // not after a pod's start-up allowance: on 2 slow cores a new pod took over 3 minutes (CI, 2026-12-01)
            Instant deadline = Instant.now().plus(Optional.ofNullable(deployment.getSpec().getProgressDeadlineSeconds())
                    .map(Duration::ofSeconds).orElse(STUCK_AFTER));
            while (true) {
                long readyPods = Stream.concat(old.stream(), fresh.stream()).filter(RunningPod::isReady).count();
                if (!old.isEmpty() && readyPods - 1 >= replicas - unavailable) {
                    break;
                }
                if (old.isEmpty() && fresh.stream().allMatch(RunningPod::isReady)) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("rollout of " + deployment.getMetadata().getName() + " stuck: " + events);
                }
                pause();
            }
            delete(old.remove(0));
        }
    }

    private static int absolute(io.fabric8.kubernetes.api.model.IntOrString value, int replicas, boolean roundUp) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        double share = Integer.parseInt(value.getStrVal().replace("%", "")) * replicas / 100.0;
        return (int) (roundUp ? Math.ceil(share) : Math.floor(share));
    }

    private RunningPod startDeploymentPod(Deployment deployment) {
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        String hash = hash(template).substring(0, 10);
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 5);
        return startPod(deployment.getMetadata().getName() + "-" + hash + "-" + suffix,
                deployment.getMetadata().getName(), template, Map.of());
    }

    private RunningPod startStatefulPod(StatefulSet set, int ordinal) {
        String podName = set.getMetadata().getName() + "-" + ordinal;
        Map<String, String> volumes = new LinkedHashMap<>();
        for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
            // <claim>-<pod>, as the StatefulSet controller names it: the same volume for every incarnation
            String volume = id + "-" + claim.getMetadata().getName() + "-" + podName;
            if (!claims.contains(volume)) {
                Long fsGroup = set.getSpec().getTemplate().getSpec().getSecurityContext() == null ? null
                        : set.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup();
                createVolume(volume, fsGroup == null ? "0755" : "2775", fsGroup);
                claims.add(volume);
            }
            volumes.put(claim.getMetadata().getName(), volume);
        }
        return startPod(podName, set.getMetadata().getName(), set.getSpec().getTemplate(), volumes);
    }

    private RunningPod startPod(String name, String owner, PodTemplateSpec template, Map<String, String> volumes) {
        RunningPod pod = new RunningPod(this, name, owner, template.getMetadata().getLabels(), template.getSpec(), volumes);
        pods.add(pod);
        pod.start();
        return pod;
    }

    /** Deletes a pod as the API server would (see {@link RunningPod#delete()}), and forgets it. */
    public void delete(RunningPod pod) {
        pod.delete();
        pods.remove(pod);
    }

    /**
     * Deletes a pod (preStop, SIGTERM, grace period) and lets its controller replace it: a StatefulSet
     * starts the same name on the same claims once the old pod is gone; a Deployment starts a new pod.
     */
    public RunningPod deleteAndReplace(RunningPod pod) {
        delete(pod);
        StatefulSet set = statefulSets.get(pod.owner);
        if (set != null) {
            return startStatefulPod(set, Integer.parseInt(pod.name.substring(pod.owner.length() + 1)));
        }
        return startDeploymentPod(deployments.get(pod.owner));
    }

    /** Runs the chart's helm test hook Pods one after the other; each one's exit code (0: passed) and log. */
    public Map<String, TestResult> runTests() {
        Map<String, TestResult> results = new LinkedHashMap<>();
        for (Pod hook : rendered.all(Pod.class)) {
            Map<String, String> annotations = Optional.ofNullable(hook.getMetadata().getAnnotations()).orElse(Map.of());
            if (!List.of(annotations.getOrDefault(HOOK, "").split(",")).contains("test")) {
                continue;
            }
            PodSpec spec = hook.getSpec();
            RunningPod pod = new RunningPod(this, hook.getMetadata().getName(), "helm test",
                    hook.getMetadata().getLabels(), spec, Map.of());
            pod.start();
            long deadline = spec.getActiveDeadlineSeconds() == null ? 600 : spec.getActiveDeadlineSeconds();
            Optional<Integer> exit = pod.awaitExit(Duration.ofSeconds(deadline));
            String log = pod.logs();
            pod.remove();
            results.put(hook.getMetadata().getName(), new TestResult(exit.orElse(null), log));
        }
        return results;
    }

    /** A test hook's end: its exit code (null: still running at its activeDeadlineSeconds) and its log. */
    public record TestResult(Integer exit, String log) {
        public boolean passed() {
            return exit != null && exit == 0;
        }
    }

    // ---------------------------------------------------------------- outside the release

    /**
     * A server the operator runs outside the release (an existing database, say): a container on the
     * cluster's network under a name the pods resolve, as they would resolve a host outside the cluster.
     * Its environment, files mounted read-only (host file to container path), and the command that tells
     * it is ready (run in it, exit 0). The release knows it by that name only.
     */
    public record External(String name, String image, Map<String, String> env, Map<Path, String> files,
                           List<String> readiness) {
    }

    private void startExternal(External server) {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", containerOf(server),
                "--label", LABEL + "=" + id, "--network", network, "--hostname", server.name(),
                "--network-alias", server.name()));
        server.env().forEach((key, value) -> run.addAll(List.of("-e", key + "=" + value)));
        server.files().forEach((file, mount) -> run.addAll(List.of("-v", file.toAbsolutePath() + ":" + mount + ":ro")));
        run.add(server.image());
        externals.add(server);
        Podman.run(run);
        event(server.name(), "created, outside the release");
        Instant end = Instant.now().plus(Duration.ofMinutes(2));
        while (exec(server, server.readiness()).exit() != 0) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException(server.name() + " not ready within 2 minutes: "
                        + Podman.attempt("logs", containerOf(server)).output());
            }
            pause();
        }
        event(server.name(), "ready");
    }

    /** Runs a command in a server outside the release; its exit code and output. */
    public Podman.Result exec(External server, List<String> command) {
        List<String> exec = new ArrayList<>(List.of("exec", containerOf(server)));
        exec.addAll(command);
        return Podman.attempt(exec);
    }

    private String containerOf(External server) {
        return id + "-" + server.name();
    }

    // ---------------------------------------------------------------- Services

    private void open(Service service) {
        String name = service.getMetadata().getName();
        services.put(name, service);
        if ("None".equals(service.getSpec().getClusterIP())) {
            return;
        }
        try {
            InetAddress ip = InetAddress.getByName(clusterIpPrefix + (clusterIps.size() + 1));
            Podman.host("ip", "addr", "add", ip.getHostAddress() + "/32", "dev", "lo");
            clusterIps.put(name, ip);
            for (ServicePort port : service.getSpec().getPorts()) {
                proxies.add(new ServiceProxy(name + ":" + port.getPort(), ip, port.getPort(), () -> endpoints(service, port)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Service's endpoints: pods its selector matches that are ready (or any, with publishNotReadyAddresses). */
    private List<InetSocketAddress> endpoints(Service service, ServicePort port) {
        boolean notReadyToo = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        return pods.stream()
                .filter(pod -> selects(service, pod.labels))
                .filter(pod -> pod.isReady() || (notReadyToo && !pod.isTerminating()))
                .flatMap(pod -> pod.endpoint(port.getTargetPort() == null
                        ? new io.fabric8.kubernetes.api.model.IntOrString(port.getPort()) : port.getTargetPort()).stream())
                .toList();
    }

    private static boolean selects(Service service, Map<String, String> labels) {
        Map<String, String> selector = service.getSpec().getSelector();
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** Every Service name a pod resolves (short, with the namespace, and the cluster's full form) to its cluster IP. */
    Map<String, String> hosts() {
        Map<String, String> hosts = new LinkedHashMap<>();
        clusterIps.forEach((name, ip) -> {
            for (String suffix : List.of("", "." + Chart.NAMESPACE, "." + Chart.NAMESPACE + ".svc",
                    "." + Chart.NAMESPACE + ".svc.cluster.local")) {
                hosts.put(name + suffix, ip.getHostAddress());
            }
        });
        return hosts;
    }

    /** The headless Services whose selector matches these pod labels: the pod gets their DNS names. */
    List<String> headlessServicesOf(Map<String, String> labels) {
        return services.values().stream()
                .filter(s -> "None".equals(s.getSpec().getClusterIP()) && selects(s, labels))
                .map(s -> s.getMetadata().getName()).toList();
    }

    /**
     * One HTTP client for every test client of the release (HTTP/1.1, a 2 s connect timeout), trusting the
     * release's CA when it has one. A Service is reached at its cluster IP, which no certificate names: the
     * failsafe configuration turns the JDK client's host name check off (the pods check names among themselves).
     */
    synchronized HttpClient httpClient() {
        if (client == null) {
            client = httpClient.build();
        }
        return client;
    }

    /** The URI of a Service's port, at its cluster IP: how the tests reach the release, as a client in the cluster would. */
    public URI service(String name, int port) {
        InetAddress ip = clusterIps.get(name);
        if (ip == null) {
            throw new IllegalArgumentException("no Service with a cluster IP named " + name + ": " + clusterIps.keySet());
        }
        // the port's name tells what it speaks (the chart names it https with tls.enabled)
        boolean https = services.get(name).getSpec().getPorts().stream()
                .anyMatch(p -> p.getPort() == port && "https".equals(p.getName()));
        return URI.create((https ? "https://" : "http://") + ip.getHostAddress() + ":" + port);
    }

    // ---------------------------------------------------------------- Secrets, ConfigMaps, volumes

    public Map<String, String> secret(String name) {
        Map<String, String> text = new LinkedHashMap<>();
        secretBytes(name).forEach((key, value) -> text.put(key, new String(value, StandardCharsets.UTF_8)));
        return text;
    }

    private Map<String, byte[]> secretBytes(String name) {
        Map<String, byte[]> secret = secrets.get(name);
        if (secret == null) {
            throw new IllegalStateException("secret \"" + name + "\" not found");
        }
        return secret;
    }

    private Map<String, String> configMap(String name) {
        Map<String, String> map = configMaps.get(name);
        if (map == null) {
            throw new IllegalStateException("configmap \"" + name + "\" not found");
        }
        return map;
    }

    private static Map<String, byte[]> decoded(Secret secret) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        Optional.ofNullable(secret.getData()).orElse(Map.of()).forEach((key, value) ->
                values.put(key, Base64.getDecoder().decode(value)));
        Optional.ofNullable(secret.getStringData()).orElse(Map.of()).forEach((key, value) ->
                values.put(key, value.getBytes(StandardCharsets.UTF_8)));
        return values;
    }

    private static Map<String, String> data(ConfigMap map) {
        return new LinkedHashMap<>(Optional.ofNullable(map.getData()).orElse(Map.of()));
    }

    /**
     * A container's environment as the kubelet builds it: envFrom first, then env in order; a missing
     * Secret, ConfigMap or key that is not optional fails the pod (CreateContainerConfigError).
     */
    Map<String, String> environment(String podName, PodSpec spec, Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
            if (from.getConfigMapRef() != null) {
                optionally(from.getConfigMapRef().getOptional(), () -> configMap(from.getConfigMapRef().getName()))
                        .forEach((k, v) -> env.put(prefix + k, v));
            }
            if (from.getSecretRef() != null) {
                optionally(from.getSecretRef().getOptional(), () -> secret(from.getSecretRef().getName()))
                        .forEach((k, v) -> env.put(prefix + k, v));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            String value = value(podName, variable);
            if (value != null) {
                env.put(variable.getName(), variable.getValueFrom() == null ? expand(value, env) : value);
            }
        }
        return env;
    }

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    /**
     * A value with $(NAME) references expanded as the kubelet does (env values, command, args): a name
     * defined before it in the environment is replaced, any other left as written; $$ is a literal $.
     */
    static String expand(String value, Map<String, String> env) {
        return REFERENCE.matcher(value).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                match.group(1) == null ? "$" : env.getOrDefault(match.group(1), match.group())));
    }

    private String value(String podName, EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return Optional.ofNullable(variable.getValue()).orElse("");
        }
        var from = variable.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            return key(optionally(ref.getOptional(), () -> secret(ref.getName())), ref.getKey(), ref.getOptional(),
                    "secret " + ref.getName());
        }
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            return key(optionally(ref.getOptional(), () -> configMap(ref.getName())), ref.getKey(), ref.getOptional(),
                    "configmap " + ref.getName());
        }
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> podName;
                case "metadata.namespace" -> Chart.NAMESPACE;
                default -> throw new IllegalStateException("fieldRef " + from.getFieldRef().getFieldPath()
                        + " is not supported by the harness");
            };
        }
        throw new IllegalStateException("env " + variable.getName() + ": a source the harness does not support");
    }

    private static <V> Map<String, V> optionally(Boolean optional, java.util.function.Supplier<Map<String, V>> source) {
        try {
            return source.get();
        } catch (IllegalStateException missing) {
            if (Boolean.TRUE.equals(optional)) {
                return Map.of();
            }
            throw missing;
        }
    }

    private static <V> V key(Map<String, V> values, String key, Boolean optional, String where) {
        if (!values.containsKey(key) && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("couldn't find key " + key + " in " + where);
        }
        return values.get(key);
    }

    /** A ConfigMap or Secret volume as files (items and defaultMode honoured), for a read-only bind mount. */
    Path projectedFiles(String podName, Volume volume) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        List<KeyToPath> items;
        Integer mode;
        if (volume.getConfigMap() != null) {
            optionally(volume.getConfigMap().getOptional(), () -> configMap(volume.getConfigMap().getName()))
                    .forEach((key, text) -> values.put(key, text.getBytes(StandardCharsets.UTF_8)));
            items = volume.getConfigMap().getItems();
            mode = volume.getConfigMap().getDefaultMode();
        } else {
            values.putAll(optionally(volume.getSecret().getOptional(), () -> secretBytes(volume.getSecret().getSecretName())));
            items = volume.getSecret().getItems();
            mode = volume.getSecret().getDefaultMode();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (items.isEmpty()) {
            files.putAll(values);
        } else {
            items.forEach(item -> files.put(item.getPath(), key(values, item.getKey(), false, volume.getName())));
        }
        Path root = directory.resolve("volumes").resolve(podName).resolve(volume.getName());
        try {
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            String permissions = permissions(mode == null ? 0644 : mode);
            for (var file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    private static String permissions(int mode) {
        StringBuilder text = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            text.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return text.toString();
    }

    /**
     * A named volume, empty, with the mode and group a kubelet gives it: an emptyDir is world-writable;
     * a claimed volume belongs to the pod's fsGroup (setgid, group-writable).
     */
    void createVolume(String name, String mode, Long group) {
        Podman.run("volume", "create", "--label", LABEL + "=" + id, name);
        Path data = Path.of(Podman.run("volume", "inspect", "--format", "{{.Mountpoint}}", name));
        if (group != null) {
            Podman.host("chgrp", group.toString(), data.toString());
        }
        Podman.host("chmod", mode, data.toString());
    }

    // ---------------------------------------------------------------- looking at the cluster

    /** The pods of a workload (Deployment or StatefulSet name), terminating ones excepted. */
    public List<RunningPod> podsOf(String workload) {
        return pods.stream().filter(p -> p.owner.equals(workload) && !p.isTerminating()).toList();
    }

    /** Waits until every pod is ready. */
    public void awaitAllReady(Duration deadline) {
        awaitAllReady(deadline, List.of());
    }

    /**
     * Waits until every pod is ready but those of the standby workloads, which are not ready by design
     * (a broker pair's backup opens its port only when it takes over).
     */
    public void awaitAllReady(Duration deadline, List<String> standby) {
        Instant end = Instant.now().plus(deadline);
        java.util.function.Predicate<RunningPod> awaited = pod -> !standby.contains(pod.owner);
        while (!pods.stream().filter(awaited).allMatch(RunningPod::isReady)) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("not ready within " + deadline + ": "
                        + pods.stream().filter(awaited).filter(p -> !p.isReady()).map(p -> p.name).toList() + "; events " + events);
            }
            pause();
        }
    }

    void awaitReady(RunningPod pod, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (!pod.isReady()) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException(pod.name + " not ready within " + deadline + "; events " + events);
            }
            pause();
        }
    }

    void event(String pod, String what) {
        events.add(new Event(Instant.now(), pod, what));
    }

    /** What the kubelets did, in order: created, ready, preStop, SIGTERM, exited, restarted … */
    public List<Event> events() {
        return List.copyOf(events);
    }

    public record Event(Instant at, String pod, String what) {
        @Override
        public String toString() {
            return at + " " + pod + " " + what;
        }
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static String hash(PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(template));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Removes everything the run created, whatever state it is in: containers, volumes, network, addresses. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (Thread.currentThread() != cleanUpAtExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUpAtExit);
            } catch (IllegalStateException | IllegalArgumentException exiting) {
                // the JVM is already exiting, or the hook was never added
            }
        }
        List<RuntimeException> failures = new ArrayList<>();
        // the workloads started last go first: the services before the broker and the database they use
        List<RunningPod> started = new ArrayList<>(pods);
        java.util.Collections.reverse(started);
        for (RunningPod pod : started) {
            attempt(failures, pod::remove);
        }
        // then what the release used from outside it
        for (External server : externals) {
            attempt(failures, () -> {
                try {
                    Files.writeString(directory.resolve(server.name() + ".log"),
                            Podman.attempt("logs", containerOf(server)).output() + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    // -v: the image's anonymous data volume too
                    Podman.attempt("rm", "-f", "-v", "-t", "0", containerOf(server));
                }
            });
        }
        for (ServiceProxy proxy : proxies) {
            attempt(failures, () -> {
                try {
                    proxy.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        // anything a failed start left behind carries the run's label
        attempt(failures, () -> {
            String left = Podman.attempt("ps", "-aq", "--filter", "label=" + LABEL + "=" + id).output();
            if (!left.isBlank()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f", "-t", "0"));
                rm.addAll(left.lines().toList());
                Podman.attempt(rm);
            }
        });
        attempt(failures, () -> Podman.attempt("volume", "prune", "-f", "--filter", "label=" + LABEL + "=" + id));
        attempt(failures, () -> Podman.attempt("network", "rm", "-f", network));
        clusterIps.values().forEach(ip -> attempt(failures, () ->
                Podman.host("ip", "addr", "del", ip.getHostAddress() + "/32", "dev", "lo")));
        attempt(failures, () -> {
            try {
                Files.writeString(directory.resolve("events.txt"),
                        events.stream().map(Event::toString).collect(Collectors.joining("\n", "", "\n")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("clean-up of " + id + " incomplete");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void attempt(List<RuntimeException> failures, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
