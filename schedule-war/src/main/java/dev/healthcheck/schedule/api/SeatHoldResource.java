package dev.healthcheck.schedule.api;

import dev.healthcheck.schedule.application.ScheduleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import dev.healthcheck.kit.openapi.Answers;
import dev.healthcheck.kit.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Seats held for one reservation: reservation's synchronous way to take seats. Keyed by the
 * reservation, so a retried PUT never takes seats twice. Only the service identity may call it.
 */
@Path("/schedules/{scheduleId}/seatHolds/{reservationId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("service")
@Tag(name = "Seat holds", description = "Seats held for one reservation: how reservation takes seats, synchronously and "
        + "keyed by the reservation, so a retried request never takes seats twice. Only reservation's service "
        + "identity may call these; customers and administrators are refused (403).")
public class SeatHoldResource {

    @Inject
    ScheduleService schedules;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take seats for a reservation",
            description = "Takes count seats for the reservation under a row lock on the schedule, so concurrent holds "
                    + "never oversell, and raises SeatsTaken. Repeating the same request returns the existing hold "
                    + "(200) instead of taking seats again. An attempt that reservation has given up on (fenced), or "
                    + "a hold that differs from the one recorded, is refused (409 seat-hold-conflict).")
    @APIResponse(responseCode = "201", description = "The seats were taken by this request; Location names the hold.",
            headers = @Header(name = "Location", description = "The hold's URI (this request's)",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeatHoldView.class)))
    @APIResponse(responseCode = "200", description = "The reservation already holds these seats; nothing taken again.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeatHoldView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No schedule by that id (urn:healthcheck:problem:unknown-schedule).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    @APIResponse(responseCode = "409", description = "Too few seats left (urn:healthcheck:problem:not-enough-seats), "
            + "or the request contradicts the hold recorded or comes from an abandoned attempt "
            + "(urn:healthcheck:problem:seat-hold-conflict). Nothing taken.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    @APIResponse(responseCode = "413", ref = Answers.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Answers.UNSUPPORTED_MEDIA_TYPE)
    public Response hold(@PathParam("scheduleId") @Positive long scheduleId,
                         @PathParam("reservationId") @Positive long reservationId,
                         @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                 schema = @Schema(implementation = SeatRequest.class),
                                 examples = @ExampleObject(name = "ten seats, first attempt",
                                         value = "{\"count\": 10, \"attempt\": 1}")))
                         @Valid @NotNull SeatRequest request, @Context UriInfo uri) {
        var outcome = schedules.hold(scheduleId, reservationId, request.count(), request.attempt());
        return Response.status(outcome.taken() ? Response.Status.CREATED : Response.Status.OK)
                .location(uri.getAbsolutePath())
                .entity(SeatHoldView.of(outcome.hold(), outcome.schedule()))
                .build();
    }

    @GET
    @Operation(summary = "Read a reservation's seat hold",
            description = "The seats a reservation holds on this schedule, with the schedule's seats still available.")
    @APIResponse(responseCode = "200", description = "The hold.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeatHoldView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Answers.NOT_FOUND)
    public SeatHoldView find(@PathParam("scheduleId") @Positive long scheduleId,
                             @PathParam("reservationId") @Positive long reservationId) {
        var hold = schedules.findHold(reservationId);
        if (hold == null || hold.scheduleId() != scheduleId) {
            throw new NotFoundException("reservationId " + reservationId + " holds no seats on schedule " + scheduleId);
        }
        return SeatHoldView.of(hold, schedules.find(scheduleId));
    }

    @DELETE
    @Operation(summary = "Give a reservation's seats back",
            description = "Releases the reservation's hold (raising SeatsReleased once) and fences every attempt of it, "
                    + "so a seat request still on its way takes nothing. Repeating it, or releasing what was never "
                    + "held, is harmless.")
    @APIResponse(responseCode = "204", description = "Released, or nothing was held.")
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    public Response release(@PathParam("scheduleId") @Positive long scheduleId,
                            @PathParam("reservationId") @Positive long reservationId) {
        schedules.release(scheduleId, reservationId);
        return Response.noContent().build();
    }
}
