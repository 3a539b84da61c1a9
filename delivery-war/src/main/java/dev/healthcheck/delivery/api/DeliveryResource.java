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
}
