package dev.healthcheck.system.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's CPU samples are, by layer: each JFR execution sample counts for the innermost frame
 * that is not the JDK's or a Jakarta API's (a HashMap lookup counts for whoever looked up). Issue 17 asks
 * for the profile that shows what limits a missed target; this is its coarse form, in every run.
 */
final class ProfileLayers {

    /** In order: the first layer whose prefix a frame's class has wins (security before the web container). */
    static final List<Layer> LAYERS = List.of(
            new Layer("Derby (SQL, indexes, log)", "org.apache.derby."),
            new Layer("JPA (EclipseLink)", "org.eclipse.persistence.", "com.ibm.ws.jpa."),
            new Layer("connection pool, JDBC wrappers", "com.ibm.ws.rsadapter.", "com.ibm.ws.jdbc.", "com.ibm.ejs.j2c."),
            new Layer("transactions (JTA)", "com.ibm.tx.", "com.ibm.ws.tx.", "com.ibm.ws.Transaction."),
            new Layer("REST client (to schedule)", "org.jboss.resteasy.client.", "org.jboss.resteasy.microprofile.",
                    "org.apache.http."),
            new Layer("JAX-RS (RESTEasy)", "org.jboss.resteasy."),
            new Layer("security (login, roles)", "com.ibm.ws.security.", "com.ibm.ws.webcontainer.security.",
                    "io.openliberty.security."),
            new Layer("HTTP, servlet container", "com.ibm.ws.http.", "com.ibm.ws.tcpchannel.", "com.ibm.ws.channelfw.",
                    "com.ibm.ws.webcontainer.", "com.ibm.wsspi.webcontainer.", "com.ibm.ws.genericbnf.",
                    "io.openliberty.http.", "io.netty."),
            new Layer("CDI (Weld)", "org.jboss.weld.", "com.ibm.ws.cdi."),
            new Layer("Bean Validation", "org.hibernate.validator.", "com.ibm.ws.beanvalidation."),
            new Layer("JSON-B (Yasson, Parsson)", "org.eclipse.yasson.", "org.eclipse.parsson.", "org.glassfish.json."),
            new Layer("Fault Tolerance", "io.smallrye.faulttolerance.", "io.openliberty.microprofile.faulttolerance.",
                    "com.ibm.ws.microprofile.faulttolerance."),
            new Layer("messaging (Artemis client, adapter)", "org.apache.activemq.", "com.ibm.ws.jca.",
                    "com.ibm.ws.ejbcontainer.", "com.ibm.ejs."),
            new Layer("metrics, request probes", "com.ibm.ws.monitor.", "com.ibm.websphere.monitor.",
                    "io.smallrye.metrics.", "io.openliberty.microprofile.metrics.", "org.eclipse.microprofile.metrics.",
                    "io.micrometer.", "org.HdrHistogram."),
            new Layer("healthcheck's own code", "dev.healthcheck."),
            new Layer("the rest of Liberty (threads, logging, config, OSGi)", "com.ibm.", "io.openliberty.",
                    "org.eclipse.osgi.", "org.osgi.", "org.apache.felix.", "io.smallrye.config.", "org.jboss.logging.",
                    "org.apache.commons.logging."));
    static final String JDK_ALONE = "the JDK alone";
    static final String OTHER = "other libraries";

    private ProfileLayers() {
    }

    /** Samples per layer, in the order of {@link #LAYERS}, then {@link #OTHER} and {@link #JDK_ALONE}. */
    static Map<String, Long> of(Path recording) {
        Map<String, Long> samples = new LinkedHashMap<>();
        LAYERS.forEach(layer -> samples.put(layer.name(), 0L));
        samples.put(OTHER, 0L);
        samples.put(JDK_ALONE, 0L);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    samples.merge(layerOf(event.getStackTrace().getFrames()), 1L, Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    private static String layerOf(List<RecordedFrame> innermostFirst) {
        for (RecordedFrame frame : innermostFirst) {
            String type = frame.getMethod().getType().getName();
            if (isJdk(type)) {
                continue;
            }
            return LAYERS.stream().filter(layer -> layer.holds(type)).map(Layer::name).findFirst().orElse(OTHER);
        }
        return JDK_ALONE;
    }

    private static boolean isJdk(String type) {
        // the Jakarta APIs too: their few lines delegate to the implementation that called or is called
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jakarta.")
                || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    record Layer(String name, String... prefixes) {

        boolean holds(String type) {
            for (String prefix : prefixes) {
                if (type.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
