package io.chatsuite.system;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chrome's CPU profiler over a stretch of a browser test, through a DevTools session: with
 * {@code -Dwebclient.profile=true} the profile is written as a {@code .cpuprofile} (open it in Chrome's DevTools
 * Performance panel, or sum its self times by function) to see what long tasks spend their time on. Without the
 * property it does nothing, so the tests measure the page unobserved. Beside the profile it prints where the main
 * thread's time went by the browser's own counters (script, style, layout), which the profile lumps together as
 * "(program)"; the trace {@link MainThreadTasks} keeps in a profiled run names those parts.
 */
final class CpuProfile {

    /** Microseconds between samples: fine enough to split a 50 ms task into its parts. */
    private static final int SAMPLING_INTERVAL_US = 200;

    /** The browser's counters worth comparing before and after: seconds spent and how many times. */
    private static final List<String> COUNTERS = List.of("TaskDuration", "ScriptDuration", "RecalcStyleDuration",
            "LayoutDuration", "RecalcStyleCount", "LayoutCount");

    private final CDPSession session;
    private final Map<String, Double> before;

    private CpuProfile(CDPSession session) {
        this.session = session;
        this.before = session == null ? Map.of() : counters(session);
    }

    static CpuProfile startIfAsked(Page page) {
        if (!Boolean.getBoolean("webclient.profile")) {
            return new CpuProfile(null);
        }
        CDPSession session = page.context().newCDPSession(page);
        session.send("Performance.enable");
        session.send("Profiler.enable");
        JsonObject interval = new JsonObject();
        interval.addProperty("interval", SAMPLING_INTERVAL_US);
        session.send("Profiler.setSamplingInterval", interval);
        session.send("Profiler.start");
        return new CpuProfile(session);
    }

    void stopInto(Path file) throws IOException {
        if (session == null) {
            return;
        }
        JsonObject stopped = session.send("Profiler.stop");
        Map<String, Double> after = counters(session);
        StringBuilder spent = new StringBuilder("Main thread while profiled:");
        COUNTERS.forEach(name -> spent.append(' ').append(name).append('=')
                .append(String.format("%.3f", after.get(name) - before.get(name))));
        System.out.println(spent);
        Files.createDirectories(file.getParent());
        Files.writeString(file, stopped.get("profile").toString());
        session.detach();
        System.out.println("CPU profile written to " + file.toAbsolutePath());
    }

    private static Map<String, Double> counters(CDPSession session) {
        Map<String, Double> values = new HashMap<>();
        for (JsonElement metric : session.send("Performance.getMetrics").getAsJsonArray("metrics")) {
            JsonObject named = metric.getAsJsonObject();
            values.put(named.get("name").getAsString(), named.get("value").getAsDouble());
        }
        return values;
    }
}
