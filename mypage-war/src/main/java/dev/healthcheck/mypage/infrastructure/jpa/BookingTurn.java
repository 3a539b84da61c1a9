package dev.healthcheck.mypage.infrastructure.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One of a fixed set of rows (the changelog makes them) that a transaction locks before it applies an
 * event of a booking: the booking's slot is its reservation id modulo {@link #SLOTS}. A row that always
 * exists can be locked before the booking's MyPage row exists, which the first event has to make.
 */
@Entity
@Table(name = "MYPAGE_BOOKING_TURN")
public class BookingTurn {

    /** As many slots as the changelog makes: enough that unrelated bookings rarely wait for each other. */
    static final int SLOTS = 64;

    @Id
    private int slot;

    protected BookingTurn() {
    }
}
