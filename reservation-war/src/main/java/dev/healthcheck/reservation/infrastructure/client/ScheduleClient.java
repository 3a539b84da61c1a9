package dev.healthcheck.reservation.infrastructure.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * schedule's seat-hold API as reservation calls it, under reservation's own service identity
 * (service.user / service.password from MP Config). Base URL: schedule/mp-rest/url.
 */
@RegisterRestClient(configKey = "schedule")
@RegisterProvider(ScheduleErrors.class)
@ClientHeaderParam(name = "Authorization", value = "{dev.healthcheck.kit.client.ServiceCredentials.basic}")
@Path("/schedules")
public interface ScheduleClient {

    @PUT
    @Path("/{scheduleId}/seatHolds/{reservationId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    SeatHold hold(@PathParam("scheduleId") long scheduleId, @PathParam("reservationId") long reservationId,
                  SeatRequest request);

    /** The hold a reservation has on a schedule (404 if none): a read, which {@link ScheduleWarmUp} uses. */
    @GET
    @Path("/{scheduleId}/seatHolds/{reservationId}")
    @Produces(MediaType.APPLICATION_JSON)
    SeatHold find(@PathParam("scheduleId") long scheduleId, @PathParam("reservationId") long reservationId);

    record SeatRequest(int count, int attempt) {
    }

    record SeatHold(long reservationId, long scheduleId, int count, String status, int availableCount,
                    LocalDate date, String programme, String location) {
    }
}
