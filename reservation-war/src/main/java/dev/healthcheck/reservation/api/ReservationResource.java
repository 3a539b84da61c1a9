package dev.healthcheck.reservation.api;

import dev.healthcheck.reservation.application.BookingService;
import dev.healthcheck.reservation.application.BookingService.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"customer", "admin"})
public class ReservationResource {

    @Inject
    BookingService booking;

    @Context
    SecurityContext security;

    /**
     * 201 with Location when the seats were taken by this request; 200 when an identical request with
     * the same reservationId already booked them (a retried POST books once).
     * Only customers book: a booking is always the caller's own, and an administrator is nobody's customer.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("customer")
    public Response book(@Valid @NotNull BookingRequest request, @Context UriInfo uri) {
        var outcome = booking.book(caller(), request.reservationId(), request.scheduleId(),
                request.reservationCount());
        var view = ReservationView.of(outcome.reservation());
        var location = uri.getAbsolutePathBuilder().path(String.valueOf(view.reservationId())).build();
        return (outcome.created() ? Response.created(location) : Response.ok().location(location))
                .entity(view).build();
    }

    @GET
    @Path("/{reservationId}")
    public ReservationView find(@PathParam("reservationId") @Positive long reservationId) {
        return ReservationView.of(booking.find(caller(), reservationId));
    }

    /** A customer's own reservations; all of them for an administrator. Newest first, optionally of one schedule. */
    @GET
    public List<ReservationView> list(@QueryParam("scheduleId") @Positive Long scheduleId,
                                      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return booking.list(caller(), scheduleId, page, size).stream().map(ReservationView::of).toList();
    }

    /** Cancels: the reservation stays, CANCELLED; seats go back and the mail-out stops. Repeating it is harmless. */
    @DELETE
    @Path("/{reservationId}")
    public ReservationView cancel(@PathParam("reservationId") @Positive long reservationId) {
        return ReservationView.of(booking.cancel(caller(), reservationId));
    }

    private Caller caller() {
        return new Caller(security.getUserPrincipal().getName(), security.isUserInRole("admin"));
    }
}
