package dev.healthcheck.kit.deadletter;

import dev.healthcheck.kit.openapi.Answers;
import dev.healthcheck.kit.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * The operator's view of this service's dead letters, and the way to send one back, over HTTP because on
 * Kubernetes the broker runs no console. Administrators only. Every service has it; one that consumes no
 * events (reservation) lists none.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Dead letters", description = "Events the broker gave up delivering to this service's subscriptions "
        + "(the dead-letter queue DLA), and their re-drive once the cause is fixed. Administrators only.")
public class DeadLetterResource {

    /** An Artemis JMS message id after its ID: prefix; also keeps the id out of the selector's syntax. */
    static final String ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Inject
    DeadLetterQueue deadLetters;

    @GET
    @Operation(summary = "List this service's dead letters",
            description = "The events on the dead-letter queue DLA that one of this service's own subscriptions gave "
                    + "up on, oldest first: id, event type and id, topic, subscription, the reason (the consumer's "
                    + "own when it refused the message at once, otherwise the broker's: every delivery attempt "
                    + "failed) and when the event was published. Other services' dead letters are not shown. "
                    + "Administrators only.")
    @APIResponse(responseCode = "200", description = "This service's dead letters (empty when there are none).",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetter.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    public List<DeadLetter> list(@Parameter(description = "At most this many", example = "100")
                                 @QueryParam("max") @DefaultValue("100") @Min(1) @Max(1000) int max) {
        return deadLetters.list(max);
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(summary = "Re-drive a dead letter",
            description = "Sends the dead letter back to exactly the subscription that gave up on it (no other "
                    + "subscriber of its topic sees it again) and removes it from DLA, both in one transaction. The "
                    + "consumer applies it once: an event it already applied is recognised by its id and changes "
                    + "nothing. If it fails again it returns to DLA under a new id. Only while the consumer still "
                    + "remembers the events it applied (inbox.retention, 7 days by default, less an hour): an older "
                    + "dead letter is refused (409), since it could be applied twice. No body. Administrators only.")
    @APIResponse(responseCode = "200", description = "Re-driven: the dead letter as it was before it left DLA.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", description = "No dead letter of this service by that id: never there, another "
            + "service's, or re-driven already (urn:healthcheck:problem:dead-letter-not-found).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    @APIResponse(responseCode = "409", description = "Published longer ago than the consumer remembers applied events "
            + "(inbox.retention): a re-drive could apply it twice; it stays on DLA "
            + "(urn:healthcheck:problem:dead-letter-too-old).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    public DeadLetter redrive(@Parameter(description = "The dead letter's id, as listed",
                                      example = "4c5e1d2a-8f3b-11f0-9d2e-0242ac120002")
                              @PathParam("id") @Pattern(regexp = ID, message = "must be a dead letter's id as listed")
                              String id) {
        return deadLetters.redrive(id);
    }
}
