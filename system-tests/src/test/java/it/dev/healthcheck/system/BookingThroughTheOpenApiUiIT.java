package it.dev.healthcheck.system;

import static it.dev.healthcheck.system.support.Api.MYPAGE;
import static it.dev.healthcheck.system.support.Api.RESERVATION;
import static it.dev.healthcheck.system.support.Api.SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import it.dev.healthcheck.system.support.Api;
import it.dev.healthcheck.system.support.Browser;
import it.dev.healthcheck.system.support.OpenApiUi;
import it.dev.healthcheck.system.support.TheSystem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer books in a real browser through reservation's OpenAPI UI and then finds the booking on
 * MyPage's: Authorize, Try it out, Execute, as a person would. Screenshots of each step lie in
 * {@code target/failsafe-reports/BookingThroughTheOpenApiUiIT/}.
 */
@ExtendWith(TheSystem.class)
class BookingThroughTheOpenApiUiIT {

    private static final long SCHEDULE_ID = 140;
    private static final long RESERVATION_ID = SCHEDULE_ID * 1_000 + 1;
    private static final int SEATS = 20;
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private final Api admin = Api.as("admin");
    private final Api alice = Api.as("alice");

    @RegisterExtension
    final Browser browser = Browser.forTest(getClass());

    @Test
    void aCustomerBooksInReservationsUiAndSeesTheBookingInMyPagesUi() {
        var opened = admin.post(SCHEDULE, "/schedules", Map.of("scheduleId", SCHEDULE_ID, "availableCount", SEATS));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);

        var reservationUi = OpenApiUi.open(browser, RESERVATION);
        browser.screenshot("reservation-ui");
        reservationUi.authorize("alice", Api.password("alice"), "reservation-ui-authorized");
        var booked = reservationUi.operation("POST", "/reservations").tryItOut()
                .body("{\"reservationId\": %d, \"scheduleId\": %d, \"reservationCount\": 3}"
                        .formatted(RESERVATION_ID, SCHEDULE_ID))
                .screenshot("booking-filled-in")
                .execute();
        browser.screenshot("booking-answered");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        var booking = json(booked.body());
        assertThat(booking.getJsonNumber("reservationId").longValue()).isEqualTo(RESERVATION_ID);
        assertThat(booking.getString("customerId")).isEqualTo("alice");
        assertThat(booking.getString("status")).isEqualTo("RESERVED");

        // The same booking, through the REST API: alice's, three seats, taken from the schedule.
        var reservation = alice.get(RESERVATION, "/reservations/" + RESERVATION_ID);
        assertThat(reservation.status()).as(reservation.toString()).isEqualTo(200);
        assertThat(reservation.json().getString("status")).isEqualTo("RESERVED");
        assertThat(reservation.json().getInt("reservationCount")).isEqualTo(3);
        assertThat(alice.get(SCHEDULE, "/schedules/" + SCHEDULE_ID).json().getInt("availableCount")).isEqualTo(SEATS - 3);

        var myPageUi = OpenApiUi.open(browser, MYPAGE);
        browser.screenshot("mypage-ui");
        myPageUi.authorize("alice", Api.password("alice"), "mypage-ui-authorized");
        var myPage = myPageUi.operation("GET", "/myPages/{reservationId}").tryItOut()
                .parameter("reservationId", RESERVATION_ID);
        // MyPage learns of the booking from events: Execute again until the row is there.
        await().atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            var row = myPage.execute();
            assertThat(row.status()).as(row.body()).isEqualTo(200);
            var shown = json(row.body());
            assertThat(shown.getJsonNumber("reservationId").longValue()).isEqualTo(RESERVATION_ID);
            assertThat(shown.getInt("reservationCount")).isEqualTo(3);
            assertThat(shown.getString("reservationStatus", "not seen yet")).isEqualTo("RESERVED");
        });
        browser.screenshot("mypage-row");
        var row = alice.get(MYPAGE, "/myPages/" + RESERVATION_ID);
        assertThat(row.status()).as(row.toString()).isEqualTo(200);
        assertThat(row.json().getString("reservationStatus", "not seen yet")).isEqualTo("RESERVED");
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
