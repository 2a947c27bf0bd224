package io.chatsuite.loadgen;

/**
 * A headline figure of a scenario, compared with the baseline's: a label with its unit, and where the number is in
 * the scenario's results (a JSON pointer such as {@code /delivery/p99_ms}).
 */
record Figure(String label, String pointer) {
}
