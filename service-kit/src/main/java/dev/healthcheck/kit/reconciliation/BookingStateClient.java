package dev.healthcheck.kit.reconciliation;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** reservation's booking states as another service asks for them, under its service identity. Base URL: reservation/mp-rest/url. */
@RegisterRestClient(configKey = "reservation")
@ClientHeaderParam(name = "Authorization", value = "{dev.healthcheck.kit.client.ServiceCredentials.basic}")
@Path("/bookingStates")
public interface BookingStateClient {

    /** At most {@link BookingStates#BATCH} ids; unknown ones are left out of the answer. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    List<BookingState> of(@QueryParam("reservationId") List<Long> reservationIds);
}
