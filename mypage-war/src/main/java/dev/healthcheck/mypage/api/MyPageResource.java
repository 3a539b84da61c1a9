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

@Path("/myPages")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "customer"})
public class MyPageResource {

    @Inject
    MyPageProjection myPages;

    @Context
    SecurityContext security;

    /** One reservation's row; a customer sees only their own (others are 404). */
    @GET
    @Path("/{reservationId}")
    public MyPageView find(@PathParam("reservationId") @Positive long reservationId) {
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
    public List<MyPageView> list(@QueryParam("customerId") @Size(max = 64) String customerId,
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
