package dev.healthcheck.kit.events;

import java.util.Map;

/**
 * The saga's topics, one per owning service, and which event goes where. The JNDI names are bound by
 * liberty-config's messaging.xml; the addresses are what Artemis sees.
 */
public enum Topic {
    SCHEDULE("healthcheck.schedule", "jms/topic/schedule"),
    RESERVATION("healthcheck.reservation", "jms/topic/reservation"),
    DELIVERY("healthcheck.delivery", "jms/topic/delivery");

    private static final Map<Class<? extends SagaEvent>, Topic> OWNER = Map.ofEntries(
            Map.entry(ScheduleRegistered.class, SCHEDULE),
            Map.entry(SeatsTaken.class, SCHEDULE),
            Map.entry(SeatsReleased.class, SCHEDULE),
            Map.entry(Reserved.class, RESERVATION),
            Map.entry(ReservationCancelled.class, RESERVATION),
            Map.entry(BookingAbandoned.class, RESERVATION),
            Map.entry(DeliveryStarted.class, DELIVERY),
            Map.entry(DeliveryCancelled.class, DELIVERY),
            Map.entry(DeliveryShipped.class, DELIVERY),
            Map.entry(DeliveryDelivered.class, DELIVERY));

    private final String address;
    private final String jndiName;

    Topic(String address, String jndiName) {
        this.address = address;
        this.jndiName = jndiName;
    }

    public String address() {
        return address;
    }

    public String jndiName() {
        return jndiName;
    }

    static Topic of(SagaEvent event) {
        return OWNER.get(event.getClass());
    }
}
