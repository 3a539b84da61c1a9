package dev.healthcheck.schedule.api;

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

@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    @Inject
    ScheduleService schedules;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response register(@Valid @NotNull NewSchedule request, @Context UriInfo uri) {
        var schedule = schedules.register(request.scheduleId(), request.availableCount(), request.date(),
                request.programme(), request.location());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(schedule.scheduleId())).build())
                .entity(ScheduleView.of(schedule))
                .build();
    }

    @GET
    @Path("/{scheduleId}")
    @RolesAllowed({"admin", "customer", "service"})
    public ScheduleView find(@PathParam("scheduleId") @Positive long scheduleId) {
        return ScheduleView.of(schedules.find(scheduleId));
    }

    @GET
    @RolesAllowed({"admin", "customer", "service"})
    public SchedulePage list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                             @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size,
                             @QueryParam("programme") @Size(max = 100) String programme,
                             @QueryParam("location") @Size(max = 200) String location,
                             @QueryParam("minAvailable") @Min(0) Integer minAvailable) {
        var filter = new ScheduleFilter(programme, location, minAvailable);
        List<ScheduleView> items = schedules.search(filter, page, size).stream().map(ScheduleView::of).toList();
        return new SchedulePage(items, page, size, schedules.count(filter));
    }

    public record SchedulePage(List<ScheduleView> items, int page, int size, long total) {
    }
}
