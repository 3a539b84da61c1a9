package dev.healthcheck.schedule.api;

import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.schedule.application.ScheduleService;
import dev.healthcheck.schedule.infrastructure.jpa.ScheduleRepository.ScheduleFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import dev.healthcheck.kit.openapi.Answers;
import dev.healthcheck.kit.problem.NoNulCharacter;
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

@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules", description = "Checkup schedules: a capacity, the seats still available, and optionally a "
        + "date, a programme and a location. Administrators publish them; everybody logged in reads them.")
public class ScheduleResource {

    @Inject
    ScheduleService schedules;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Publish a schedule",
            description = "Administrators only. Registers a schedule whose capacity is availableCount and raises "
                    + "ScheduleRegistered. A scheduleId that is already registered is refused (409 schedule-exists) "
                    + "and changes nothing.")
    @APIResponse(responseCode = "201", description = "Published; Location names the new schedule.",
            headers = @Header(name = "Location", description = "The new schedule's URI", schema = @Schema(
                    type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "409", description = "The scheduleId is already registered "
            + "(urn:healthcheck:problem:schedule-exists).", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(ref = Answers.PROBLEM), examples = @ExampleObject(name = "schedule-exists", value = """
                    {"type": "urn:healthcheck:problem:schedule-exists", "title": "Schedule already exists",
                     "status": 409, "detail": "scheduleId 1 is already registered",
                     "instance": "urn:uuid:0b6f6c1e-2f7a-4d55-8a8e-3c1f9d2b7e10"}""")))
    @APIResponse(responseCode = "413", ref = Answers.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Answers.UNSUPPORTED_MEDIA_TYPE)
    public Response register(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                     schema = @Schema(implementation = NewSchedule.class),
                                     examples = @ExampleObject(name = "the original scenario's schedule", value = """
                                             {"scheduleId": 1, "availableCount": 100, "date": "2026-12-01",
                                              "programme": "standard checkup", "location": "Tokyo centre"}""")))
                             @Valid @NotNull NewSchedule request, @Context UriInfo uri) {
        var schedule = schedules.register(request.scheduleId(), request.availableCount(), request.date(),
                request.programme(), request.location());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(schedule.scheduleId())).build())
                .entity(ScheduleView.of(schedule))
                .build();
    }

    @GET
    @Path("/{scheduleId}")
    @RolesAllowed({"admin", "customer", "service"})
    @Operation(summary = "Read a schedule", description = "One schedule with the seats still available.")
    @APIResponse(responseCode = "200", description = "The schedule.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "404", description = "No schedule by that id (urn:healthcheck:problem:unknown-schedule).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = Answers.PROBLEM)))
    public ScheduleView find(@Parameter(description = "The schedule's id", example = "1")
                             @PathParam("scheduleId") @Positive long scheduleId) {
        return ScheduleView.of(schedules.find(scheduleId));
    }

    @GET
    @RolesAllowed({"admin", "customer", "service"})
    @Operation(summary = "List schedules",
            description = "A page of schedules in scheduleId order, optionally only of one programme, one location, "
                    + "or with at least minAvailable seats left; total counts every match.")
    @APIResponse(responseCode = "200", description = "One page of schedules.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchedulePage.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    public SchedulePage list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                             @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size,
                             @QueryParam("programme") @Size(max = 100) @NoNulCharacter String programme,
                             @QueryParam("location") @Size(max = 200) @NoNulCharacter String location,
                             @QueryParam("minAvailable") @Min(0) Integer minAvailable) {
        var filter = new ScheduleFilter(programme, location, minAvailable);
        List<ScheduleView> items = schedules.search(filter, page, size).stream().map(ScheduleView::of).toList();
        return new SchedulePage(items, page, size, schedules.count(filter));
    }

    @Schema(description = "One page of schedules.")
    public record SchedulePage(
            @Schema(description = "The schedules of this page") List<ScheduleView> items,
            @Schema(description = "The page number, from 0") int page,
            @Schema(description = "The page size asked for") int size,
            @Schema(description = "How many schedules match, on all pages") long total) {
    }
}
