package dev.healthcheck.kit.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * One of a service's checks of its own records against the owner of the truth, run by {@link Reconciliation}.
 * It must be idempotent and safe beside itself on other replicas: each repair re-checks its condition
 * under a lock in its own transaction, so two replicas never repair the same thing twice.
 */
public interface Reconciler {

    /** The metric's {@code what} label, e.g. {@code seat-hold}. */
    String what();

    /**
     * Repairs what has been inconsistent since before {@code cutoff} (now minus the grace period) and
     * nothing younger.
     *
     * @return one line per repair, for the log
     */
    List<String> reconcile(Instant cutoff);
}
