package dev.healthcheck.schedule.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "healthcheck schedule", version = "1.0",
                description = "Checkup schedules and their remaining seats. Administrators publish schedules; "
                        + "reservation takes and gives back seats through seat holds."),
        security = @SecurityRequirement(name = "basicAuth"))
@SecurityScheme(securitySchemeName = "basicAuth", type = SecuritySchemeType.HTTP, scheme = "basic")
public class ScheduleApplication extends Application {
}
