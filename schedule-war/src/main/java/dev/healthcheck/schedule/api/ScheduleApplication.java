package dev.healthcheck.schedule.api;

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
        info = @Info(title = "healthcheck schedule", version = "1.0",
                description = "Checkup schedules and their remaining seats. Administrators publish schedules; "
                        + "customers and services read them; reservation takes and gives back seats through seat holds. "
                        + Answers.EVERY_SERVICE,
                license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        security = @SecurityRequirement(name = Answers.BASIC_AUTH))
@SecurityScheme(securitySchemeName = Answers.BASIC_AUTH, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = Answers.BASIC_AUTH_DESCRIPTION)
public class ScheduleApplication extends Application {
}
