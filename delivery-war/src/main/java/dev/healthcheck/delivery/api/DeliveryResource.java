package dev.healthcheck.delivery.api;

import dev.healthcheck.delivery.application.DeliveryService;
import dev.healthcheck.delivery.domain.DeliveryNotFoundException;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @Inject
    DeliveryService deliveries;

    @Context
    SecurityContext security;

    /** The mail-out of one reservation; a customer sees only their own (others are 404). */
    @GET
    @Path("/{reservationId}")
    @RolesAllowed({"admin", "customer"})
    public DeliveryView find(@PathParam("reservationId") @Positive long reservationId) {
        var delivery = deliveries.find(reservationId);
        if (!security.isUserInRole("admin") && !delivery.belongsTo(security.getUserPrincipal().getName())) {
            throw new DeliveryNotFoundException(reservationId);
        }
        return DeliveryView.of(delivery);
    }

    @GET
    @RolesAllowed("admin")
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
    @Tag(name = "mail room", description = "The centre's mail room records a letter's shipment and arrival")
    @SecurityRequirement(name = "basicAuth")
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
    @APIResponse(responseCode = "400", description = "A bad reservationId, or a body that is not JSON or lacks a "
            + "valid trackingReference (letters, digits and dashes, at most 64)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No login or a wrong one", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an administrator", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No mail-out for this reservation", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The mail-out was cancelled (type " + DeliveryProblems.MAIL_OUT_CANCELLED
            + "), or it already left with another tracking reference (type " + DeliveryProblems.OTHER_TRACKING_REFERENCE
            + "); nothing changed", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "A body over 16 KiB", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A body that is not application/json", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryView ship(@Parameter(description = "the reservation whose letter left", example = "1")
                             @PathParam("reservationId") @Positive long reservationId,
                             @Valid @NotNull ShipmentRequest shipment) {
        return DeliveryView.of(deliveries.ship(reservationId, shipment.trackingReference()));
    }

    /** The letter arrived. Administrators only, like its shipment. */
    @PUT
    @Path("/{reservationId}/arrival")
    @RolesAllowed("admin")
    @Tag(name = "mail room")
    @SecurityRequirement(name = "basicAuth")
    @Operation(summary = "Record that a shipped letter arrived",
            description = "Marks a SHIPPED mail-out as DELIVERED at the time of this call and raises "
                    + "DeliveryDelivered (MyPage then shows it). No body. Idempotent: the same call again answers "
                    + "200 and changes nothing. A letter that was never shipped, or a cancelled mail-out, cannot "
                    + "arrive (409). Administrators only.")
    @APIResponse(responseCode = "200", description = "The mail-out, now DELIVERED (also when it already was)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "400", description = "A bad reservationId", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No login or a wrong one", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not an administrator", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No mail-out for this reservation", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The letter has not been shipped yet (type "
            + DeliveryProblems.NOT_SHIPPED + ") or the mail-out was cancelled (type "
            + DeliveryProblems.MAIL_OUT_CANCELLED + "); nothing changed", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeliveryView arrive(@Parameter(description = "the reservation whose letter arrived", example = "1")
                               @PathParam("reservationId") @Positive long reservationId) {
        return DeliveryView.of(deliveries.recordArrival(reservationId));
    }
}
