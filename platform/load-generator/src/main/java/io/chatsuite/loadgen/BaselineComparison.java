package io.chatsuite.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's headline figures beside the baseline's (the bare WebSocket echo, driven by the same scenario with the
 * same options on the same machine just before) and their ratio, suite / baseline: a figure that still means
 * something on a machine of another speed. Latencies want a small ratio, rates one near 1.
 */
final class BaselineComparison {

    private BaselineComparison() {
    }

    /** One figure of both runs; a value is null where the run has none, the ratio where it would mean nothing. */
    record Row(String figure, Double suite, Double baseline, Double suiteOverBaseline) {
    }

    static List<Row> rows(List<Figure> figures, JsonNode suite, JsonNode baseline) {
        List<Row> rows = new ArrayList<>();
        for (Figure figure : figures) {
            Double ours = number(suite.at(figure.pointer()));
            Double theirs = number(baseline.at(figure.pointer()));
            // A ratio to zero, or of a negative figure (memory that shrank over a tiny run), means nothing.
            Double ratio = ours == null || theirs == null || ours < 0 || theirs <= 0 ? null
                    : Math.round(100 * ours / theirs) / 100.0;
            rows.add(new Row(figure.label(), ours, theirs, ratio));
        }
        return rows;
    }

    /** Puts the baseline's whole run and the comparison into the suite's report, and the table on its screen. */
    static void addTo(Report suite, Report baseline, List<Figure> figures) {
        List<Row> rows = rows(figures, suite.results(), baseline.results());
        suite.put("baseline", baseline.json());
        List<Map<String, Object>> json = new ArrayList<>();
        suite.line("against the baseline (the bare WebSocket echo, same scenario and options, just before):");
        suite.line("  %-30s %12s %12s %16s", "figure", "suite", "baseline", "suite/baseline");
        for (Row row : rows) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("figure", row.figure());
            entry.put("suite", row.suite());
            entry.put("baseline", row.baseline());
            entry.put("suiteOverBaseline", row.suiteOverBaseline());
            json.add(entry);
            suite.line("  %-30s %12s %12s %16s", row.figure(), text(row.suite()), text(row.baseline()),
                    row.suiteOverBaseline() == null ? "-" : row.suiteOverBaseline() + "x");
        }
        suite.put("comparison", json);
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static String text(Double value) {
        // Three decimals at most: a figure in seconds from nanoseconds prints as 9.529, not 9.529459000000001.
        return value == null ? "-" : value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString(value.longValue()) : Double.toString(Math.round(value * 1000) / 1000.0);
    }
}
