package dev.healthcheck.schedule.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;

/**
 * A checkup schedule and its seats. The only way seats change is {@link #take} and {@link #release},
 * which keep 0 &lt;= availableCount &lt;= capacity.
 */
@Entity
@Table(name = "SCHEDULE")
public class Schedule {

    @Id
    private long scheduleId;

    /** Concurrent changes of the same row: the later commit fails and is retried on fresh state. */
    @Version
    private long version;

    @Column(nullable = false)
    private int capacity;

    @Column(nullable = false)
    private int availableCount;

    private LocalDate checkupDate;

    @Column(length = 100)
    private String programme;

    @Column(length = 200)
    private String location;

    protected Schedule() {
    }

    public Schedule(long scheduleId, int capacity, LocalDate checkupDate, String programme, String location) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.scheduleId = scheduleId;
        this.capacity = capacity;
        this.availableCount = capacity;
        this.checkupDate = checkupDate;
        this.programme = programme;
        this.location = location;
    }

    /** @throws NotEnoughSeatsException and changes nothing when fewer than {@code count} seats are left */
    public void take(int count) {
        requirePositive(count);
        if (count > availableCount) {
            throw new NotEnoughSeatsException(scheduleId, count, availableCount);
        }
        availableCount -= count;
    }

    public void release(int count) {
        requirePositive(count);
        if (availableCount + count > capacity) {
            throw new IllegalStateException("releasing " + count + " seats would exceed the capacity of schedule "
                    + scheduleId);
        }
        availableCount += count;
    }

    private static void requirePositive(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("a seat count must be positive, was " + count);
        }
    }

    public long scheduleId() {
        return scheduleId;
    }

    public int capacity() {
        return capacity;
    }

    public int availableCount() {
        return availableCount;
    }

    public LocalDate checkupDate() {
        return checkupDate;
    }

    public String programme() {
        return programme;
    }

    public String location() {
        return location;
    }
}
