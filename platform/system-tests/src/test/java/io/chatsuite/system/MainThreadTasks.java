package io.chatsuite.system;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The page's main-thread tasks over a stretch of a browser test, read from Chrome's own trace: each task's time on
 * the clock and its time on the CPU. On this machine the suite's services share two cores with the browser, so a task
 * can wait for a core in its middle and last on the clock several times what it ran; its CPU time is the page's own
 * work, what the same task costs a user whose browser has a core to itself. The tests judge the CPU time against
 * issue 19's bounds and print both. With {@code -Dwebclient.profile=true} the trace is also written beside the CPU
 * profile (open it in Chrome's Performance panel).
 */
final class MainThreadTasks {

    /** A task longer than this is a "long task" in the browser's own sense. */
    private static final double LONG_TASK_MS = 50;
    /** The renderer's main thread, as Chrome names it in a trace. */
    private static final String RENDERER_MAIN = "CrRendererMain";

    private final Browser browser;

    private MainThreadTasks(Browser browser) {
        this.browser = browser;
    }

    static MainThreadTasks record(Page page) {
        Browser browser = page.context().browser();
        browser.startTracing(page, new Browser.StartTracingOptions().setScreenshots(false)
                .setCategories(List.of("devtools.timeline", "disabled-by-default-devtools.timeline")));
        return new MainThreadTasks(browser);
    }

    /** Stops the trace and measures the busiest renderer's tasks; writes the trace to {@code keep} when profiling. */
    Report stop(Path keep) throws IOException {
        byte[] trace = browser.stopTracing();
        if (Boolean.getBoolean("webclient.profile")) {
            Files.createDirectories(keep.getParent());
            Files.write(keep, trace);
        }
        return measure(trace);
    }

    private static Report measure(byte[] trace) throws IOException {
        Map<String, List<Task>> tasksByThread = new HashMap<>();
        Map<String, String> threadNames = new HashMap<>();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(trace), StandardCharsets.UTF_8)) {
            for (JsonElement element : JsonParser.parseReader(reader).getAsJsonObject().getAsJsonArray("traceEvents")) {
                JsonObject event = element.getAsJsonObject();
                String thread = event.get("pid").getAsString() + "/" + event.get("tid").getAsString();
                String name = event.get("name").getAsString();
                if ("thread_name".equals(name)) {
                    threadNames.put(thread, event.getAsJsonObject("args").get("name").getAsString());
                } else if ("RunTask".equals(name) && "X".equals(event.get("ph").getAsString()) && event.has("dur")) {
                    double cpu = event.has("tdur") ? event.get("tdur").getAsDouble() : event.get("dur").getAsDouble();
                    tasksByThread.computeIfAbsent(thread, t -> new ArrayList<>())
                            .add(new Task(event.get("dur").getAsDouble() / 1000, cpu / 1000));
                }
            }
        }
        // The page under test is the renderer that worked the most; any other (a closed test's) sat idle.
        List<Task> tasks = tasksByThread.entrySet().stream()
                .filter(entry -> RENDERER_MAIN.equals(threadNames.get(entry.getKey())))
                .map(Map.Entry::getValue)
                .max(Comparator.comparingDouble(list -> list.stream().mapToDouble(Task::wallMs).sum()))
                .orElseThrow(() -> new AssertionError("the trace holds no task of a renderer's main thread"));
        return new Report(tasks);
    }

    private record Task(double wallMs, double cpuMs) {
    }

    /** The tasks of the page's main thread over the stretch traced. */
    static final class Report {

        private final List<Task> tasks;

        private Report(List<Task> tasks) {
            this.tasks = tasks;
        }

        double longestCpuMs() {
            return tasks.stream().mapToDouble(Task::cpuMs).max().orElse(0);
        }

        double longestWallMs() {
            return tasks.stream().mapToDouble(Task::wallMs).max().orElse(0);
        }

        @Override
        public String toString() {
            List<Task> longest = tasks.stream().sorted(Comparator.comparingDouble(Task::wallMs).reversed()).limit(8)
                    .toList();
            return String.format("%d tasks, %d over %.0f ms on the clock, %d on the CPU; longest on the CPU %.1f ms,"
                            + " on the clock %.1f ms; the longest on the clock (clock/CPU ms): %s", tasks.size(),
                    tasks.stream().filter(t -> t.wallMs() > LONG_TASK_MS).count(), LONG_TASK_MS,
                    tasks.stream().filter(t -> t.cpuMs() > LONG_TASK_MS).count(), longestCpuMs(), longestWallMs(),
                    longest.stream().map(t -> String.format("%.0f/%.0f", t.wallMs(), t.cpuMs()))
                            .collect(Collectors.joining(" ")));
        }
    }
}
