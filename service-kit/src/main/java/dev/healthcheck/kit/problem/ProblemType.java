package dev.healthcheck.kit.problem;

import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Every kind of refusal the services give, each with its own {@code type} URI, so a client tells them
 * apart without parsing {@code detail}. The README's Errors table lists them; keep the two in step.
 */
public enum ProblemType {

    VALIDATION_FAILED("validation-failed", Response.Status.BAD_REQUEST, "Request fields are not valid"),
    MALFORMED_BODY("malformed-body", Response.Status.BAD_REQUEST, "Request body is not readable JSON for this resource"),
    BAD_REQUEST("bad-request", Response.Status.BAD_REQUEST, "Bad request"),
    UNAUTHORISED("unauthorised", Response.Status.UNAUTHORIZED, "Credentials missing or wrong"),
    FORBIDDEN("forbidden", Response.Status.FORBIDDEN, "Not allowed for this caller's role"),
    NOT_FOUND("not-found", Response.Status.NOT_FOUND, "No such resource"),
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", Response.Status.NOT_FOUND, "No such dead letter"),
    UNKNOWN_SCHEDULE("unknown-schedule", Response.Status.NOT_FOUND, "Unknown schedule"),
    METHOD_NOT_ALLOWED("method-not-allowed", Response.Status.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", Response.Status.NOT_ACCEPTABLE, "No acceptable representation"),
    DEAD_LETTER_TOO_OLD("dead-letter-too-old", Response.Status.CONFLICT,
            "Dead letter older than its consumer remembers applied events"),
    SCHEDULE_EXISTS("schedule-exists", Response.Status.CONFLICT, "Schedule already exists"),
    NOT_ENOUGH_SEATS("not-enough-seats", Response.Status.CONFLICT, "Not enough seats"),
    RESERVATION_ID_TAKEN("reservation-id-taken", Response.Status.CONFLICT,
            "Reservation id used for another of your bookings"),
    BOOKING_IN_PROGRESS("booking-in-progress", Response.Status.CONFLICT, "Booking still in progress"),
    SEAT_HOLD_CONFLICT("seat-hold-conflict", Response.Status.CONFLICT,
            "Seat hold contradicts the one recorded"),
    MAIL_OUT_CANCELLED("mail-out-cancelled", Response.Status.CONFLICT, "Mail-out cancelled"),
    MAIL_OUT_NOT_SHIPPED("mail-out-not-shipped", Response.Status.CONFLICT, "Mail-out not shipped yet"),
    MAIL_OUT_SHIPPED_WITH_ANOTHER_REFERENCE("mail-out-shipped-with-another-reference", Response.Status.CONFLICT,
            "Mail-out shipped with another tracking reference"),
    TOO_LARGE("too-large", Response.Status.REQUEST_ENTITY_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", Response.Status.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type"),
    SCHEDULE_UNAVAILABLE("schedule-unavailable", Response.Status.SERVICE_UNAVAILABLE,
            "Schedule service unavailable, retry later"),
    DATABASE_UNAVAILABLE("database-unavailable", Response.Status.SERVICE_UNAVAILABLE,
            "Database unavailable, retry later"),
    INTERNAL_ERROR("internal-error", Response.Status.INTERNAL_SERVER_ERROR, "Internal server error");

    /** Every type URI starts so; the slug after it names the kind. */
    public static final String PREFIX = "urn:healthcheck:problem:";

    private final String uri;
    private final Response.Status status;
    private final String title;

    ProblemType(String slug, Response.Status status, String title) {
        this.uri = PREFIX + slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return uri;
    }

    public Response.Status status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type JAX-RS's own refusals (unknown path, wrong method, ...) get, by their status; empty if none fits. */
    static Optional<ProblemType> forStatus(int status) {
        return switch (status) {
            case 400 -> Optional.of(BAD_REQUEST);
            case 401 -> Optional.of(UNAUTHORISED);
            case 403 -> Optional.of(FORBIDDEN);
            case 404 -> Optional.of(NOT_FOUND);
            case 405 -> Optional.of(METHOD_NOT_ALLOWED);
            case 406 -> Optional.of(NOT_ACCEPTABLE);
            case 413 -> Optional.of(TOO_LARGE);
            case 415 -> Optional.of(UNSUPPORTED_MEDIA_TYPE);
            default -> Optional.empty();
        };
    }
}
