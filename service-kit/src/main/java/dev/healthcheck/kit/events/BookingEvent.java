package dev.healthcheck.kit.events;

/** A saga event about one booking: every event but a schedule's registration. */
public interface BookingEvent {

    long reservationId();
}
