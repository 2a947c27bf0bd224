package io.chatsuite.devstack;

import java.util.Map;

/** One piece of infrastructure the local stack provides: started for real, or taken from configuration. */
interface StackComponent {

    String name();

    /**
     * Makes the component reachable and returns the service settings that point at it.
     * Every process started is registered with the reaper before this returns.
     */
    Map<String, String> start(StackSettings settings, StackState state, OrphanReaper reaper) throws Exception;

    /** Stops what {@link #start} started; does nothing for external infrastructure. */
    void stop();

    /** Whether the process {@link #start} started is still running; always true for external infrastructure. */
    boolean running();

    /**
     * Starts the process again after it died, on the same port with the same data, registers it with the reaper and
     * waits until it answers, as {@link #start} does.
     */
    void restart(OrphanReaper reaper) throws Exception;
}
