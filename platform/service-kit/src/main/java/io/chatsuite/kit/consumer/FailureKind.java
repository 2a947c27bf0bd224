package io.chatsuite.kit.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.sqlclient.DatabaseException;
import java.util.Set;

/**
 * Whether a record that failed could ever succeed. Only failures that the record's own content decides are
 * {@link #DATA}; everything else (a store unreachable, a pool closed, a timeout, anything unknown) is
 * {@link #TRANSIENT}, because dead-lettering a good record during an outage would lose it for everyone.
 */
public enum FailureKind {

    /** The record itself cannot be applied: retrying a few times cannot change the answer. */
    DATA,
    /** The world around the record failed: retry until it is back. */
    TRANSIENT;

    /**
     * SQLSTATE classes decided by the values in the statement: 22 data exception (22021 a byte sequence such as
     * U+0000 that the encoding cannot hold, 22P05 an untranslatable character in jsonb, 22001 too long...), 23
     * integrity constraint violation, 54 program limit exceeded (e.g. a tsvector too long).
     */
    private static final Set<String> DATA_SQLSTATE_CLASSES = Set.of("22", "23", "54");

    public static FailureKind of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return DATA;
            }
            if (cause instanceof DatabaseException database && database.getSqlState() != null
                    && database.getSqlState().length() == 5
                    && DATA_SQLSTATE_CLASSES.contains(database.getSqlState().substring(0, 2))) {
                return DATA;
            }
        }
        return TRANSIENT;
    }
}
