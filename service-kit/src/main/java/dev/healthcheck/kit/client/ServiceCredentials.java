package dev.healthcheck.kit.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The identity one service presents to another (service.user / service.password from MP Config), for
 * {@code @ClientHeaderParam(name = "Authorization", value = "{dev.healthcheck.kit.client.ServiceCredentials.basic}")}.
 */
public final class ServiceCredentials {

    private ServiceCredentials() {
    }

    public static String basic() {
        var config = ConfigProvider.getConfig();
        String userAndPassword = config.getValue("service.user", String.class) + ":"
                + config.getValue("service.password", String.class);
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
