package dev.healthcheck.system;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the build put things: the Liberty installation, the broker distribution, the dev credentials. */
public record Layout(Path root) {

    public static Layout fromSystemProperties() {
        return new Layout(Path.of(System.getProperty("healthcheck.root", "..")).toAbsolutePath().normalize());
    }

    public Path wlp() {
        return root.resolve("target/liberty/wlp");
    }

    public Path serverDir(String name) {
        return wlp().resolve("usr/servers").resolve(name);
    }

    public Path artemisHome() {
        return root.resolve("target/artemis/apache-artemis-" + System.getProperty("artemis.version", "2.40.0"));
    }

    public Path brokerInstance() {
        return root.resolve("target/artemis-instance");
    }

    public Path brokerConfig() {
        return root.resolve("system-tests/src/main/artemis/broker.xml");
    }

    /** Where the fragments that make a broker one of a replicating pair are: the chart's, used locally too. */
    public Path haConfig() {
        return root.resolve("helm/healthcheck/files");
    }

    /** The clearly marked development users and broker account every local server gets in its server.env. */
    public Properties devCredentials() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve("liberty-config/src/main/liberty/dev.env"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the development credentials", e);
        }
        return properties;
    }
}
