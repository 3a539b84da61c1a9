package dev.healthcheck.reservation.domain;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reservation ids: clients may choose theirs below {@link #FIRST_ASSIGNED}; the server draws its own
 * above, at random, so replicas need no shared counter and the two ranges never meet.
 */
public final class ReservationIds {

    public static final long MAX_CLIENT_CHOSEN = 999_999_999_999L;
    public static final long FIRST_ASSIGNED = MAX_CLIENT_CHOSEN + 1;
    /** The largest integer a JavaScript client reads exactly. */
    public static final long LAST_ASSIGNED = (1L << 53) - 1;

    private ReservationIds() {
    }

    public static long assign() {
        return ThreadLocalRandom.current().nextLong(FIRST_ASSIGNED, LAST_ASSIGNED + 1);
    }
}
