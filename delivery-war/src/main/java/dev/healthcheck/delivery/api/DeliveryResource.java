package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.application.DeliveryService;
import dev.healthcheck.delivery.domain.DeliveryNotFoundException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import dev.healthcheck.kit.openapi.Answers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries", description = "The postal mail-out of questionnaire and guidance letter, one per reservation: "
        + "PREPARING once booked, CANCELLED when the booking is cancelled before it is shipped.")
public class DeliveryResource {

    @Inject
    DeliveryService deliveries;

    @Context
    SecurityContext security;

    /** The mail-out of one reservation; a customer sees only their own (others are 404). */
    @GET
    @Path("/{reservationId}")
    @RolesAllowed({"admin", "customer"})
    @Operation(summary = "Read a reservation's mail-out",
            description = "The mail-out of one reservation with its status (PREPARING, SHIPPED, DELIVERED, CANCELLED). "
                    + "It appears shortly after the booking (started by the Reserved event). A customer reads their "
                    + "own; another customer's is 404, as if it did not exist.")
    @APIResponse(responseCode = "200", description = "The mail-out.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Answers.NOT_FOUND)
    public DeliveryView find(@Parameter(description = "The reservation the mail-out belongs to", example = "1")
                             @PathParam("reservationId") @Positive long reservationId) {
        var delivery = deliveries.find(reservationId);
        if (!security.isUserInRole("admin") && !delivery.belongsTo(security.getUserPrincipal().getName())) {
            throw new DeliveryNotFoundException(reservationId);
        }
        return DeliveryView.of(delivery);
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "List mail-outs", description = "Administrators only. A page of mail-outs, optionally only "
            + "those of one schedule.")
    @APIResponse(responseCode = "200", description = "One page of mail-outs.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    public List<DeliveryView> list(@QueryParam("scheduleId") @Positive Long scheduleId,
                                   @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return deliveries.list(scheduleId, page, size).stream().map(DeliveryView::of).toList();
    }
}
