package io.chatsuite.history.rest;

import io.chatsuite.history.config.HistoryConfig;
import io.chatsuite.problem.ProblemException;

/**
 * Reads paging parameters from their text, so that a bad value is a 400 naming the parameter rather than the 404
 * JAX-RS gives for an unconvertible query parameter.
 */
final class QueryParameters {

    /** Deep enough for any real search; keeps OFFSET within reason. */
    private static final long MAX_PAGE = 10_000;

    private QueryParameters() {
    }

    /** A seq, 0 or more; null when absent. */
    static Long seq(String name, String value) {
        return value == null || value.isBlank() ? null : wholeNumber(name, value, 0, Long.MAX_VALUE);
    }

    /** A page size between 1 and the configured maximum; the configured default when absent. */
    static int size(String name, String value, HistoryConfig.Pages pages) {
        return value == null || value.isBlank() ? pages.defaultSize()
                : (int) wholeNumber(name, value, 1, pages.maxSize());
    }

    /** A page number, counted from 0. */
    static int page(String name, String value) {
        return value == null || value.isBlank() ? 0 : (int) wholeNumber(name, value, 0, MAX_PAGE);
    }

    private static long wholeNumber(String name, String value, long min, long max) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Refused below, like a number out of range.
        }
        throw ProblemException.invalidField(name, max == Long.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max);
    }
}
