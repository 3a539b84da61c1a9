package dev.healthcheck.system.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLayersTest {

    @TempDir
    Path dir;

    /** A real recording of this JVM while it spins in a loop of ours that spends its time in HashMap. */
    @Test
    void aSampleInTheJdkCountsForTheCodeThatCalledIt() throws Exception {
        Map<String, Long> layers = ProfileLayers.of(recordSpinning(dir.resolve("spin.jfr")));

        long all = layers.values().stream().mapToLong(Long::longValue).sum();
        assertThat(all).as("execution samples recorded").isGreaterThan(10);
        assertThat(layers.get("healthcheck's own code")).as("samples of the spinning loop, of " + layers)
                .isGreaterThan(all / 2);
        assertThat(layers).containsKeys("Derby (SQL, indexes, log)", ProfileLayers.JDK_ALONE);
    }

    @Test
    void aFrameCountsForTheFirstLayerThatHoldsIt() {
        assertThat(ProfileLayers.LAYERS.stream()
                .filter(layer -> layer.holds("com.ibm.ws.webcontainer.security.WebAppSecurityCollaboratorImpl"))
                .findFirst()).hasValueSatisfying(layer -> assertThat(layer.name()).isEqualTo("security (login, roles)"));
        assertThat(ProfileLayers.LAYERS.stream()
                .filter(layer -> layer.holds("org.jboss.resteasy.client.jaxrs.internal.ClientInvocation"))
                .findFirst()).hasValueSatisfying(layer -> assertThat(layer.name()).isEqualTo("REST client (to schedule)"));
    }

    /** Records JFR execution samples of this JVM while it spins in HashMaps for 600 ms. */
    static Path recordSpinning(Path recording) throws Exception {
        try (Recording jfr = new Recording()) {
            jfr.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            jfr.start();
            spinInHashMaps(Duration.ofMillis(600));
            jfr.stop();
            jfr.dump(recording);
        }
        return recording;
    }

    private static long spinInHashMaps(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long sum = 0;
        while (System.nanoTime() < end) {
            Map<Integer, Integer> map = new HashMap<>();
            for (int i = 0; i < 1000; i++) {
                map.put(i, i * 31);
            }
            for (int i = 0; i < 1000; i++) {
                sum += map.get(i);
            }
        }
        return sum;
    }
}
