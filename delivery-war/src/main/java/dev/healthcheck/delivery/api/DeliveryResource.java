package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.application.DeliveryService;
import dev.healthcheck.delivery.domain.DeliveryNotFoundException;
import dev.healthcheck.kit.openapi.Answers;
import dev.healthcheck.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DefaultValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries", description = "The postal mail-out of questionnaire and guidance letter, one per reservation: "
        + "PREPARING once booked, SHIPPED and DELIVERED as the mail room records them, CANCELLED when the booking "
        + "is cancelled before it is shipped.")
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

    /** The mail room handed the letter to the post. Administrators only: the centre's mail room acts as one. */
    @PUT
    @Path("/{reservationId}/shipment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Tag(name = "Mail room", description = "The centre's mail room records a letter's shipment and arrival")
    @Operation(summary = "Record that a mail-out was shipped",
            description = "Marks the questionnaire and guidance letter of a reservation as SHIPPED, with the postal "
                    + "service's tracking reference and the time of this call, and raises DeliveryShipped (MyPage "
                    + "then shows it). Idempotent: the same call again answers 200 with the same mail-out and "
                    + "changes nothing. A cancelled mail-out cannot ship (409), and a shipped one keeps its "
                    + "reference (another one is 409). Administrators only.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ShipmentRequest.class),
            examples = @ExampleObject(name = "shipment", value = "{\"trackingReference\": \"RR123456785JP\"}")))
    @APIResponse(responseCode = "200", description = "The mail-out, now SHIPPED (also when it already was)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Answers.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The mail-out was cancelled (urn:healthcheck:problem:mail-out-cancelled), "
            + "or it already left with another tracking reference "
            + "(urn:healthcheck:problem:mail-out-shipped-with-another-reference); nothing changed", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    @APIResponse(responseCode = "413", ref = Answers.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Answers.UNSUPPORTED_MEDIA_TYPE)
    public DeliveryView ship(@Parameter(description = "the reservation whose letter left", example = "1")
                             @PathParam("reservationId") @Positive long reservationId,
                             @Valid @NotNull ShipmentRequest shipment) {
        return DeliveryView.of(deliveries.ship(reservationId, shipment.trackingReference()));
    }

    /** The letter arrived. Administrators only, like its shipment. */
    @PUT
    @Path("/{reservationId}/arrival")
    @RolesAllowed("admin")
    @Tag(name = "Mail room")
    @Operation(summary = "Record that a shipped letter arrived",
            description = "Marks a SHIPPED mail-out as DELIVERED at the time of this call and raises "
                    + "DeliveryDelivered (MyPage then shows it). No body. Idempotent: the same call again answers "
                    + "200 and changes nothing. A letter that was never shipped, or a cancelled mail-out, cannot "
                    + "arrive (409). Administrators only.")
    @APIResponse(responseCode = "200", description = "The mail-out, now DELIVERED (also when it already was)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Answers.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The letter has not been shipped yet "
            + "(urn:healthcheck:problem:mail-out-not-shipped) or the mail-out was cancelled "
            + "(urn:healthcheck:problem:mail-out-cancelled); nothing changed", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    public DeliveryView arrive(@Parameter(description = "the reservation whose letter arrived", example = "1")
                               @PathParam("reservationId") @Positive long reservationId) {
        return DeliveryView.of(deliveries.recordArrival(reservationId));
    }
}
