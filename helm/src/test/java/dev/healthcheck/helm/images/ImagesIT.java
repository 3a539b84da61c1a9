package dev.healthcheck.helm.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.healthcheck.helm.Podman;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The images as helm/images/build makes them (the JRE base reused when the machine has it), run in
 * podman the way the chart runs them: numeric user, read-only root file system, writable only where the
 * chart mounts a volume or an emptyDir. No host port below the ephemeral range is published.
 */
class ImagesIT {

    static final Path ROOT = Path.of(System.getProperty("healthcheck.root", "..")).toAbsolutePath().normalize();
    static final String TAG = System.getProperty("project.version", "1.0.0-SNAPSHOT");
    /** Names of this run's containers, volumes and network, so that parallel runs never meet. */
    static final String RUN = "images-it-" + UUID.randomUUID().toString().substring(0, 8);

    static final List<String> containers = new ArrayList<>();
    static final List<String> volumes = new ArrayList<>();

    @BeforeAll
    static void buildImagesAndNetwork() {
        List<String> build = List.of(ROOT.resolve("helm/images/build").toString());
        Podman.host(ROOT, Duration.ofMinutes(20), build);
        Podman.run("network", "create", RUN);
    }

    @AfterAll
    static void removeWhatTheRunStarted() {
        containers.forEach(c -> Podman.attempt("rm", "-f", "-t", "10", c));
        volumes.forEach(v -> Podman.attempt("volume", "rm", "-f", v));
        Podman.attempt("network", "rm", "-f", RUN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"schedule", "reservation", "delivery", "mypage", "broker", "derby-network"})
    void everyImageRunsAsTheNumericUser1001(String name) {
        assertThat(Podman.run("image", "inspect", "--format", "{{.Config.User}}", image(name))).isEqualTo("1001");
    }

    @Test
    void theBrokerAppliesAChangedBrokerXmlAtTheNextStartOnTheSameVolume(@TempDir Path config) throws IOException {
        Path brokerXml = chartBrokerXml(config);
        String broker = startBroker(config);
        String firstStart = awaitLog(broker, "AMQ221007", 1);
        assertThat(firstStart).doesNotContain("images.changed");

        Files.writeString(brokerXml, Files.readString(brokerXml).replace("<addresses>",
                "<addresses>\n      <address name=\"images.changed\"><anycast><queue name=\"images.changed\"/></anycast></address>"));
        Podman.run("stop", "-t", "30", broker);
        Podman.run("start", broker);
        String bothStarts = awaitLog(broker, "AMQ221007", 2);

        assertThat(bothStarts).contains("Deploying address images.changed");
        List<String> nodeIds = nodeIds(bothStarts);
        assertThat(nodeIds).hasSize(2);
        assertThat(nodeIds.get(1)).as("the instance created at the first start, kept on the volume").isEqualTo(nodeIds.get(0));
    }

    @Test
    void aServiceInAReadOnlyContainerIsReadyWithItsBrokerAndDatabase(@TempDir Path config) throws Exception {
        // a Derby user name is an SQL identifier: letters and digits; the image makes schedule's login
        String derby = start("derby", "-v", volume("derby") + ":/var/lib/derby", "-e", "DB_SERVICES=schedule",
                "-e", "DB_ADMIN_USER=imagesit", "-e", "DB_ADMIN_PASSWORD=admin-secret",
                "-e", "DB_PASSWORD_SCHEDULE=db-secret", image("derby-network"));
        chartBrokerXml(config);
        String broker = startBroker(config);
        String schedule = start("schedule", "--tmpfs", "/opt/liberty/output", "-p", "127.0.0.1::9080",
                "-e", "DB_MODE=network", "-e", "DB_HOST=" + derby, "-e", "DB_PORT=1527", "-e", "DB_NAME=schedule",
                "-e", "DB_USER=schedule", "-e", "DB_PASSWORD=db-secret",
                "-e", "ARTEMIS_HOST=" + broker, "-e", "ARTEMIS_PORT=61616",
                // schedule's own broker login, as the broker's start writes it from ARTEMIS_PASSWORD_SCHEDULE
                "-e", "ARTEMIS_USER=schedule", "-e", "ARTEMIS_PASSWORD=broker-secret",
                "-e", "ADMIN_PASSWORD=a", "-e", "CUSTOMER_ALICE_PASSWORD=b", "-e", "CUSTOMER_BOB_PASSWORD=c",
                "-e", "SERVICE_USER=s", "-e", "SERVICE_PASSWORD=d",
                "-e", "RESERVATION_SERVICE_USER=r", "-e", "RESERVATION_SERVICE_PASSWORD=e", image("schedule"));

        assertThat(Podman.run("exec", schedule, "id", "-u")).isEqualTo("1001");
        assertThat(Podman.attempt("exec", schedule, "touch", "/opt/liberty/wlp/written").exit())
                .as("root file system read-only").isNotZero();
        URI ready = URI.create("http://" + Podman.run("port", schedule, "9080/tcp") + "/health/ready");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // Liberty with the Artemis adapter starts in 10-35 s alone, minutes on a loaded machine
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"database\":\"UP\"", "\"broker\":\"UP\"");
        });
    }

    /** The chart's broker.xml in the given directory, readable by the broker's user as from a ConfigMap. */
    private static Path chartBrokerXml(Path config) throws IOException {
        Path brokerXml = Files.copy(ROOT.resolve("helm/healthcheck/files/broker.xml"), config.resolve("broker.xml"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(brokerXml, PosixFilePermissions.fromString("rw-r--r--"));
        return brokerXml;
    }

    private static String startBroker(Path config) {
        return start("broker", "-v", volume("broker") + ":/var/lib/artemis-instance",
                "-v", config + ":/opt/artemis-config:ro",
                "-e", "ARTEMIS_OPERATOR_USER=images-it", "-e", "ARTEMIS_OPERATOR_PASSWORD=operator-secret",
                "-e", "ARTEMIS_SERVICE_USERS=schedule", "-e", "ARTEMIS_PASSWORD_SCHEDULE=broker-secret", image("broker"));
    }

    /** Starts a container of this run, read-only with a writable /tmp as the chart runs it; returns its name. */
    private static String start(String role, String... args) {
        String name = RUN + "-" + role + "-" + containers.size();
        List<String> command = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", RUN, "--read-only", "--tmpfs", "/tmp"));
        command.addAll(List.of(args));
        containers.add(name);
        Podman.run(command.toArray(String[]::new));
        return name;
    }

    private static String volume(String role) {
        String name = RUN + "-" + role + "-" + volumes.size();
        volumes.add(name);
        return name;
    }

    /** The container's log once it shows the marker the given number of times. */
    private static String awaitLog(String container, String marker, int times) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Podman.run("logs", container), log -> occurrences(log, marker) >= times);
    }

    private static int occurrences(String text, String marker) {
        return text.split(Pattern.quote(marker), -1).length - 1;
    }

    private static List<String> nodeIds(String log) {
        Matcher m = Pattern.compile("AMQ221001: .*nodeID=([0-9a-f-]+)").matcher(log);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String image(String name) {
        return "localhost/healthcheck/" + name + ":" + TAG;
    }
}
