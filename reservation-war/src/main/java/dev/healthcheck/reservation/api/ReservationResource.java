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
import dev.healthcheck.kit.openapi.Answers;
import dev.healthcheck.kit.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"customer", "admin"})
@Tag(name = "Reservations", description = "Bookings of a schedule's seats. A booking is always the caller's own; "
        + "customers see and cancel their own (another customer's are 404), administrators see and cancel any.")
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
    @Operation(summary = "Book seats of a schedule",
            description = "Customers only; the booking belongs to the caller. Takes the seats from schedule in this "
                    + "request and raises Reserved, which starts the mail-out. Without reservationId the server "
                    + "assigns one, and also when another customer already has the reservationId asked for: the "
                    + "booking is then answered exactly as for a free id, under an id of the server's (so no answer "
                    + "tells whether an id is in use). Repeating a booking with the same reservationId, schedule and "
                    + "count answers 200 with the same reservation and books nothing twice. A refused booking "
                    + "reserves nothing and mails nothing.")
    @APIResponse(responseCode = "201", description = "Booked by this request; Location names the reservation.",
            headers = @Header(name = "Location", description = "The reservation's URI",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "200", description = "Already booked by an identical earlier request (a retried POST); "
            + "nothing booked again.",
            headers = @Header(name = "Location", description = "The reservation's URI",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No schedule by that scheduleId "
            + "(urn:healthcheck:problem:unknown-schedule); nothing reserved.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    @APIResponse(responseCode = "409", description = "Refused, nothing reserved: too few seats left "
            + "(urn:healthcheck:problem:not-enough-seats); the caller already used the reservationId for another "
            + "of their bookings (urn:healthcheck:problem:reservation-id-taken); or another request for the same reservationId is "
            + "still under way (urn:healthcheck:problem:booking-in-progress, with Retry-After).",
            headers = @Header(name = "Retry-After", description = "Seconds to wait; only with booking-in-progress",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM),
                    examples = @ExampleObject(name = "not-enough-seats", value = """
                            {"type": "urn:healthcheck:problem:not-enough-seats", "title": "Not enough seats",
                             "status": 409, "detail": "reservationCount 86 exceeds the 85 seats left on schedule 1",
                             "instance": "urn:uuid:7d1e0a4c-5b8f-4c3a-9e2d-1f6b0c8a3e55"}""")))
    @APIResponse(responseCode = "413", ref = Answers.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Answers.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "503", description = "schedule is slow, down or shedding load "
            + "(urn:healthcheck:problem:schedule-unavailable); answered at once, nothing reserved and no seat lost. "
            + "Repeat the same request after Retry-After seconds.",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before repeating the request",
                    required = true, schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    public Response book(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                 schema = @Schema(implementation = BookingRequest.class),
                                 examples = @ExampleObject(name = "ten seats of schedule 1", value = """
                                         {"reservationId": 1, "scheduleId": 1, "reservationCount": 10}""")))
                         @Valid @NotNull BookingRequest request, @Context UriInfo uri) {
        var outcome = booking.book(caller(), request.reservationId(), request.scheduleId(),
                request.reservationCount());
        var view = ReservationView.of(outcome.reservation());
        var location = uri.getAbsolutePathBuilder().path(String.valueOf(view.reservationId())).build();
        return (outcome.created() ? Response.created(location) : Response.ok().location(location))
                .entity(view).build();
    }

    @GET
    @Path("/{reservationId}")
    @Operation(summary = "Read a reservation", description = "A customer reads their own; an administrator any.")
    @APIResponse(responseCode = "200", description = "The reservation, RESERVED or CANCELLED.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Answers.NOT_FOUND)
    public ReservationView find(@Parameter(description = "The reservation's id", example = "1")
                                @PathParam("reservationId") @Positive long reservationId) {
        return ReservationView.of(booking.find(caller(), reservationId));
    }

    /** A customer's own reservations; all of them for an administrator. Newest first, optionally of one schedule. */
    @GET
    @Operation(summary = "List reservations",
            description = "A customer's own reservations; all of them for an administrator. Newest first, optionally "
                    + "only those of one schedule.")
    @APIResponse(responseCode = "200", description = "One page of reservations.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ReservationView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    public List<ReservationView> list(@QueryParam("scheduleId") @Positive Long scheduleId,
                                      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return booking.list(caller(), scheduleId, page, size).stream().map(ReservationView::of).toList();
    }

    /** Cancels: the reservation stays, CANCELLED; seats go back and the mail-out stops. Repeating it is harmless. */
    @DELETE
    @Path("/{reservationId}")
    @Operation(summary = "Cancel a reservation",
            description = "The reservation stays, CANCELLED; the first cancellation raises ReservationCancelled, which "
                    + "gives the seats back and stops the mail-out if it is still PREPARING. Cancelling again "
                    + "answers the same and changes nothing. A customer cancels their own; an administrator any.")
    @APIResponse(responseCode = "200", description = "The reservation, now CANCELLED.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Answers.NOT_FOUND)
    public ReservationView cancel(@Parameter(description = "The reservation's id", example = "1")
                                  @PathParam("reservationId") @Positive long reservationId) {
        return ReservationView.of(booking.cancel(caller(), reservationId));
    }

    private Caller caller() {
        return new Caller(security.getUserPrincipal().getName(), security.isUserInRole("admin"));
    }
}
