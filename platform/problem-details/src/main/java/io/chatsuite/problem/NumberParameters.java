package io.chatsuite.problem;

/**
 * Reads whole-number query parameters from their text, so that a bad value ({@code ?page=abc}, a number too big for
 * its type) is a 400 naming the parameter rather than the 404 JAX-RS gives for a parameter it cannot convert. Paged
 * endpoints take such parameters as {@code String} and read them here.
 */
public final class NumberParameters {

    private NumberParameters() {
    }

    /** A whole number from {@code min} to {@code max}; {@code absent} when the parameter is missing or blank. */
    public static int wholeNumber(String name, String value, int absent, int min, int max) {
        return value == null || value.isBlank() ? absent : (int) wholeNumber(name, value, (long) min, max);
    }

    /** A whole number from {@code min} to {@code max}, the parameter being present. */
    public static long wholeNumber(String name, String value, long min, long max) {
        try {
            long number = Long.parseLong(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Not a number, or one too big for a long: refused below, like a number out of range.
        }
        throw ProblemException.invalidField(name, max == Long.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max);
    }
}
