package dev.healthcheck.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {

    private long now;
    private final VerifiedLogins logins = new VerifiedLogins(Duration.ofSeconds(300), () -> now);

    @Test
    void aLoginTheRegistryAcceptedIsRestoredAsTheContainerMadeIt() {
        logins.add("alice", "right", loginOf("alice"));

        var subject = new Subject();
        assertThat(logins.restore("alice", "right", subject)).isTrue();
        assertThat(subject.getPrivateCredentials()).containsExactly(table("alice"));
    }

    @Test
    void eachRestoredLoginHasATableOfItsOwn() {
        logins.add("alice", "right", loginOf("alice"));
        var first = new Subject();
        var second = new Subject();
        logins.restore("alice", "right", first);
        logins.restore("alice", "right", second);

        first.getPrivateCredentials(Hashtable.class).iterator().next().put("changed", "by the container");

        assertThat(second.getPrivateCredentials()).containsExactly(table("alice"));
    }

    @Test
    void anotherPasswordOrAnotherUserIsNotKnown() {
        logins.add("alice", "right", loginOf("alice"));

        assertThat(logins.restore("alice", "wrong", new Subject())).isFalse();
        assertThat(logins.restore("bob", "right", new Subject())).isFalse();
        assertThat(logins.restore("alic", "eright", new Subject())).as("user and password are kept apart").isFalse();
    }

    @Test
    void aLoginIsForgottenAfterTheTimeKept() {
        logins.add("alice", "right", loginOf("alice"));

        now += Duration.ofSeconds(299).toNanos();
        assertThat(logins.restore("alice", "right", new Subject())).isTrue();
        now += Duration.ofSeconds(1).toNanos();
        assertThat(logins.restore("alice", "right", new Subject())).isFalse();
    }

    @Test
    void aChangedPasswordReplacesTheOneKnownBefore() {
        logins.add("alice", "old", loginOf("alice"));
        logins.add("alice", "new", loginOf("alice"));

        assertThat(logins.restore("alice", "old", new Subject())).isFalse();
        assertThat(logins.restore("alice", "new", new Subject())).isTrue();
    }

    /** A subject as Liberty fills it for an accepted password: one table with the caller's data. */
    static Subject loginOf(String user) {
        var subject = new Subject();
        subject.getPrivateCredentials().add(table(user));
        return subject;
    }

    private static Hashtable<String, Object> table(String user) {
        var table = new Hashtable<String, Object>();
        table.put("com.ibm.wsspi.security.cred.userId", user);
        table.put("com.ibm.wsspi.security.cred.groups", List.of("customers"));
        return table;
    }
}
