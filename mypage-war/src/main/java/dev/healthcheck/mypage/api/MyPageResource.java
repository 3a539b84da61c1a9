package dev.healthcheck.mypage.api;

import dev.healthcheck.mypage.application.MyPageProjection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import dev.healthcheck.kit.openapi.Answers;
import dev.healthcheck.kit.problem.NoNulCharacter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/myPages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "customer"})
@Tag(name = "MyPage", description = "Each booking with its schedule and mail-out in one row, built from events alone: "
        + "eventually consistent, and its statuses only move forward.")
public class MyPageResource {

    @Inject
    MyPageProjection myPages;

    @Context
    SecurityContext security;

    /** One reservation's row; a customer sees only their own (others are 404). */
    @GET
    @Path("/{reservationId}")
    @Operation(summary = "Read one reservation's MyPage row",
            description = "Reservation status, schedule, count and mail-out status in one row. A customer reads their "
                    + "own; another customer's is 404, as if it did not exist.")
    @APIResponse(responseCode = "200", description = "The row.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MyPageView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Answers.NOT_FOUND)
    public MyPageView find(@Parameter(description = "The reservation's id", example = "1")
                           @PathParam("reservationId") @Positive long reservationId) {
        return myPages.find(reservationId)
                .filter(row -> isAdmin() || row.belongsTo(caller()))
                .map(MyPageView::of)
                .orElseThrow(() -> new NotFoundException("no MyPage row for reservationId " + reservationId));
    }

    /**
     * A customer's rows: customers get their own whatever customerId they name (another customer's
     * rows are never theirs); administrators get the named customer's, or everybody's. Optionally only
     * those on one schedule.
     */
    @GET
    @Operation(summary = "List MyPage rows",
            description = "A customer's rows: customers get their own whatever customerId they name (another "
                    + "customer's rows are never theirs, so naming one gives an empty list); administrators get the "
                    + "named customer's, or everybody's. Optionally only those of one schedule.")
    @APIResponse(responseCode = "200", description = "One page of rows.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = MyPageView.class)))
    @APIResponse(responseCode = "400", ref = Answers.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Answers.UNAUTHORISED)
    @APIResponse(responseCode = "403", ref = Answers.FORBIDDEN)
    public List<MyPageView> list(@QueryParam("customerId") @Size(max = 64) @NoNulCharacter String customerId,
                                 @QueryParam("scheduleId") @Positive Long scheduleId,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
                                 @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        String whose = isAdmin() ? customerId : caller();
        if (!isAdmin() && customerId != null && !customerId.equals(caller())) {
            return List.of();
        }
        return myPages.list(whose, scheduleId, page, size).stream().map(MyPageView::of).toList();
    }

    private boolean isAdmin() {
        return security.isUserInRole("admin");
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }
}
