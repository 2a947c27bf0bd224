package io.chatsuite.history.rest;

import io.chatsuite.history.config.HistoryConfig;
import io.chatsuite.problem.NumberParameters;
import io.chatsuite.problem.ProblemException;
import java.util.UUID;

/**
 * history-service's paging parameters, read from their text ({@link NumberParameters}), so that a bad value is a 400
 * naming the parameter rather than the 404 JAX-RS gives for an unconvertible query parameter.
 */
final class QueryParameters {

    /** Deep enough for any real search; keeps OFFSET within reason. */
    private static final int MAX_PAGE = 10_000;

    private QueryParameters() {
    }

    /** A seq, 0 or more; null when absent. */
    static Long seq(String name, String value) {
        return value == null || value.isBlank() ? null : NumberParameters.wholeNumber(name, value, 0, Long.MAX_VALUE);
    }

    /** A page size between 1 and the configured maximum; the configured default when absent. */
    static int size(String name, String value, HistoryConfig.Pages pages) {
        return NumberParameters.wholeNumber(name, value, pages.defaultSize(), 1, pages.maxSize());
    }

    /** A message id from the path: a 400 naming it rather than the 404 JAX-RS gives for one that is no UUID. */
    static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be a UUID");
        }
    }

    /** A page number, counted from 0. */
    static int page(String name, String value) {
        return NumberParameters.wholeNumber(name, value, 0, 0, MAX_PAGE);
    }
}
