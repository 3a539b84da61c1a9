package dev.healthcheck.delivery.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "healthcheck delivery", version = "1.0",
                description = "The postal mail-out of questionnaire and guidance letter, one per reservation, "
                        + "started by bookings and cancelled by cancellations."),
        security = @SecurityRequirement(name = "basicAuth"))
@SecurityScheme(securitySchemeName = "basicAuth", type = SecuritySchemeType.HTTP, scheme = "basic")
public class DeliveryApplication extends Application {
}
