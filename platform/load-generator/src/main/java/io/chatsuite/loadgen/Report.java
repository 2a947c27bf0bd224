package io.chatsuite.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one run found: a one-screen text for people and the same figures as JSON for tools. */
final class Report {

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String scenario) {
        json.put("scenario", scenario);
    }

    void put(String key, Object value) {
        json.put(key, value);
    }

    /** A figure of the run: into the JSON's results. */
    void result(String key, Object value) {
        results.put(key, value);
    }

    Object result(String key) {
        return results.get(key);
    }

    /** The results as a JSON tree, for reading a figure by its pointer. */
    JsonNode results() {
        return SuiteHttp.JSON.valueToTree(results);
    }

    /** A line of the text report. */
    void line(String format, Object... args) {
        lines.add(args.length == 0 ? format : String.format(format, args));
    }

    /** What limited a figure, or what the reader must know to trust it. */
    void note(String text) {
        notes.add(text);
    }

    void print(PrintStream out) {
        out.println();
        out.println("== " + json.get("scenario") + (json.get("target") instanceof Map<?, ?> t
                && "echo".equals(t.get("kind")) ? " (baseline: the bare WebSocket echo)" : "") + " ==");
        Object machine = json.get("machine");
        if (machine instanceof Map<?, ?> m) {
            out.println("machine: " + m.get("cores") + " cores, " + m.get("memoryMiB") + " MiB, JDK "
                    + m.get("jdk") + ", open files " + m.get("openFilesLimit") + "; load before "
                    + m.get("loadBefore") + ", after " + m.get("loadAfter"));
        }
        lines.forEach(out::println);
        notes.forEach(note -> out.println("note: " + note));
    }

    /** Everything the run found, as the JSON file holds it. */
    Map<String, Object> json() {
        Map<String, Object> whole = new LinkedHashMap<>(json);
        whole.put("results", results);
        whole.put("notes", notes);
        return whole;
    }

    Path write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        SuiteHttp.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
        return file;
    }
}
