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
import jakarta.ws.rs.core.Response;

/**
 * Seats held for one reservation: reservation's synchronous way to take seats. Keyed by the
 * reservation, so a retried PUT never takes seats twice. Only the service identity may call it.
 */
@Path("/schedules/{scheduleId}/seatHolds/{reservationId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("service")
public class SeatHoldResource {

    @Inject
    ScheduleService schedules;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response hold(@PathParam("scheduleId") @Positive long scheduleId,
                         @PathParam("reservationId") @Positive long reservationId,
                         @Valid @NotNull SeatRequest request) {
        var outcome = schedules.hold(scheduleId, reservationId, request.count(), request.attempt());
        return Response.status(outcome.taken() ? Response.Status.CREATED : Response.Status.OK)
                .entity(SeatHoldView.of(outcome.hold(), outcome.schedule()))
                .build();
    }

    @GET
    public SeatHoldView find(@PathParam("scheduleId") @Positive long scheduleId,
                             @PathParam("reservationId") @Positive long reservationId) {
        var hold = schedules.findHold(reservationId);
        if (hold == null || hold.scheduleId() != scheduleId) {
            throw new NotFoundException("reservationId " + reservationId + " holds no seats on schedule " + scheduleId);
        }
        return SeatHoldView.of(hold, schedules.find(scheduleId));
    }

    @DELETE
    public Response release(@PathParam("scheduleId") @Positive long scheduleId,
                            @PathParam("reservationId") @Positive long reservationId) {
        schedules.release(scheduleId, reservationId);
        return Response.noContent().build();
    }
}
