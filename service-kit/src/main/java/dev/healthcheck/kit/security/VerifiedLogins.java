package dev.healthcheck.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.security.auth.Subject;

/**
 * The logins the user registry has accepted lately, so that a client sending the same basic credentials
 * with every request is not checked against the registry's PBKDF2 hash each time (about 30 ms of CPU per
 * check here; Liberty's own authentication cache does the same for its built-in login, which this
 * mechanism bypasses). Per user it keeps a salted SHA-256 of the accepted password, never the password,
 * and what the container put into the client subject for that login (caller, realm, groups), for a
 * limited time: a changed password is accepted until then. Wrong passwords are never remembered, so
 * they always cost the registry's full check.
 */
final class VerifiedLogins {

    /** What the container made of one accepted login: the client subject's contents. */
    private record Verified(byte[] digest, long atNanos, Set<Principal> principals, Set<Object> publicCredentials,
                            Set<Object> privateCredentials) {
    }

    private final Map<String, Verified> byUser = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[16];
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    VerifiedLogins(Duration ttl, LongSupplier nanoTime) {
        new SecureRandom().nextBytes(salt);
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * If the registry accepted exactly this user and password within the time kept, puts what the
     * container made of that login into {@code subject} and answers true.
     */
    boolean restore(String user, String password, Subject subject) {
        Optional<Verified> known = Optional.ofNullable(byUser.get(user))
                .filter(verified -> nanoTime.getAsLong() - verified.atNanos() < ttlNanos)
                .filter(verified -> MessageDigest.isEqual(verified.digest(), digest(user, password)));
        known.ifPresent(verified -> {
            subject.getPrincipals().addAll(verified.principals());
            verified.publicCredentials().forEach(credential -> subject.getPublicCredentials().add(copy(credential)));
            verified.privateCredentials().forEach(credential -> subject.getPrivateCredentials().add(copy(credential)));
        });
        return known.isPresent();
    }

    /** Called only after the registry has accepted the login, with the subject the container filled for it. */
    void add(String user, String password, Subject subject) {
        byUser.put(user, new Verified(digest(user, password), nanoTime.getAsLong(), Set.copyOf(subject.getPrincipals()),
                Set.copyOf(subject.getPublicCredentials().stream().map(VerifiedLogins::copy).toList()),
                Set.copyOf(subject.getPrivateCredentials().stream().map(VerifiedLogins::copy).toList())));
    }

    /** The container keeps a login's data in a mutable table (Liberty: realm, user, groups): each login gets its own. */
    private static Object copy(Object credential) {
        return credential instanceof Hashtable<?, ?> table ? new Hashtable<>(table) : credential;
    }

    private byte[] digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
