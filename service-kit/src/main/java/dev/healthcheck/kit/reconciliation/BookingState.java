package dev.healthcheck.kit.reconciliation;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What reservation knows of one booking: its status and since when; what reconciliation compares against. */
@Schema(description = "A booking's status as reservation records it, and since when.")
public record BookingState(
        @Schema(description = "The reservation", example = "1") long reservationId,
        @Schema(description = "PENDING (an attempt under way), RESERVED, REJECTED, ABANDONED (attempts that took "
                + "no seats or gave them back) or CANCELLED", example = "CANCELLED") String status,
        @Schema(description = "When it entered this status: the cancellation's time for CANCELLED, otherwise the "
                + "time its latest attempt began", example = "2026-11-30T01:02:03Z") Instant since) {

    public static final String RESERVED = "RESERVED";
    public static final String PENDING = "PENDING";
    public static final String CANCELLED = "CANCELLED";
}
