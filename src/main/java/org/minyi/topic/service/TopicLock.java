package org.minyi.topic.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.minyi.common.ApiException;

/**
 * One writer of topics at a time: a transaction that assigns posts or edits topics holds this lock until it
 * commits or rolls back, so counters, hourly rows and the in-memory index change in the same order as the database.
 * Work registered with {@link #onRollback} runs when the transaction rolls back (to forget topics it created).
 */
@ApplicationScoped
public class TopicLock {

    private static final String KEY = TopicLock.class.getName();

    private final Semaphore semaphore = new Semaphore(1, true);

    @Inject
    TransactionSynchronizationRegistry registry;

    @Inject
    org.minyi.cluster.Leases leases;

    /** Takes the lock for the current transaction (once; later calls in the same transaction return at once). */
    public void acquire() {
        if (registry.getResource(KEY) != null) {
            return;
        }
        try {
            if (!semaphore.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new ApiException(503, "topics are busy; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while waiting for the topic lock");
        }
        List<Runnable> rollback = new ArrayList<>();
        registry.putResource(KEY, rollback);
        boolean locked = false;
        try {
            // and one writer across the instances sharing the database: a row lock held until this transaction ends
            leases.lockUntilCommit("topic-writer");
            locked = true;
        } finally {
            if (!locked) {
                registry.putResource(KEY, null);
                semaphore.release();
            }
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                try {
                    if (status != Status.STATUS_COMMITTED) {
                        rollback.forEach(Runnable::run);
                    }
                } finally {
                    semaphore.release();
                }
            }
        });
    }

    /** Runs {@code action} if the current transaction (which holds the lock) rolls back. */
    @SuppressWarnings("unchecked")
    public void onRollback(Runnable action) {
        Object list = registry.getResource(KEY);
        if (list != null) {
            ((List<Runnable>) list).add(action);
        }
    }
}
