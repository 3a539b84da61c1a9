package dev.healthcheck.reservation.api;

import dev.healthcheck.kit.openapi.Answers;
import dev.healthcheck.kit.reconciliation.BookingState;
import dev.healthcheck.reservation.application.ReservationLedger;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Booking states for the other services' reconciliation (schedule's seat holds, delivery's mail-outs):
 * their identities only (role reconciler), since it names every customer's bookings. Reading is all they
 * may do: taking seats is reservation's identity's alone (role service, at schedule).
 */
@Path("/bookingStates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("reconciler")
@Tag(name = "Booking states", description = "What reservation records of bookings, for the other services' periodic "
        + "reconciliation. Only schedule's and delivery's service identities may call it (role reconciler); customers "
        + "and administrators are refused (403).")
public class BookingStateResource {

    @Inject
    ReservationLedger ledger;

    @GET
    @Operation(summary = "Read the states of some bookings",
            description = "The status of each named reservation and since when (every status, also the attempts "
                    + "customers never see), for schedule and delivery to find seat holds and mail-outs whose "
                    + "booking is no longer RESERVED. Ids reservation never recorded are left out. At most 100 ids.")
    @APIResponse(responseCode = "200", description = "The known ones, in no particular order.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = BookingState.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    public List<BookingState> states(@Parameter(description = "A reservation id; repeat the parameter for more",
                                             example = "1")
                                     @QueryParam("reservationId") @NotEmpty @Size(max = 100)
                                     List<@NotNull @Positive Long> reservationIds) {
        return ledger.findAll(reservationIds).stream().map(reservation -> new BookingState(
                reservation.reservationId(), reservation.status().name(), reservation.statusSince())).toList();
    }
}
