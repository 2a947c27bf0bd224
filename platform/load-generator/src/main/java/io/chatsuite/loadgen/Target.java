package io.chatsuite.loadgen;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a scenario drives through the public interfaces: the suite, or the bare WebSocket echo that is its baseline.
 * Both answer the same HTTP calls and frames, so one scenario's code measures either.
 */
interface Target extends AutoCloseable {

    /** The nodes clients connect to, the first one also answering the bench's HTTP calls. */
    List<Gateway> gateways();

    /** Where the bench keeps what it made on this target (its users, a room's id) for later runs. */
    Path dataDirectory();

    /** This target's processes on the machine, for CPU, memory and GC figures. */
    TargetProcesses processes();

    /** What the report says about the target. */
    Map<String, Object> description();
}
