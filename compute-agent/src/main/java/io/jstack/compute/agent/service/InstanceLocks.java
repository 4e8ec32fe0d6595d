package io.jstack.compute.agent.service;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One operation per instance at a time (Nova's lock on the instance uuid): a delete waits for the build it
 * interrupts, a repeated message waits for the first and then finds the work done. Locks of idle instances are
 * dropped, so the map holds only instances being worked on.
 */
public final class InstanceLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    public <T> T withLock(String uuid, Supplier<T> body) {
        Entry entry = locks.compute(uuid, (k, e) -> {
            Entry held = e == null ? new Entry() : e;
            held.users++;
            return held;
        });
        entry.lock.lock();
        try {
            return body.get();
        } finally {
            entry.lock.unlock();
            locks.compute(uuid, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    /** Someone is working on the instance now (or waiting to). */
    public boolean isBusy(String uuid) {
        return locks.containsKey(uuid);
    }
}
