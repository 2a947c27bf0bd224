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
}
