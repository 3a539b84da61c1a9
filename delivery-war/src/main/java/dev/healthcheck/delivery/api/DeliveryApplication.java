package dev.healthcheck.delivery.api;

import dev.healthcheck.kit.openapi.Answers;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The JAX-RS application and its OpenAPI document's front page; the shared refusals come from service-kit. */
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "healthcheck delivery", version = "1.0",
                description = "The postal mail-out of questionnaire and guidance letter, one per reservation, "
                        + "started by bookings and cancelled by cancellations. "
                        + Answers.EVERY_SERVICE,
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = @SecurityRequirement(name = Answers.BASIC_AUTH))
@SecurityScheme(securitySchemeName = Answers.BASIC_AUTH, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = Answers.BASIC_AUTH_DESCRIPTION)
public class DeliveryApplication extends Application {
}
