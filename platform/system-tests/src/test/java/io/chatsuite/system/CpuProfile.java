package io.chatsuite.system;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chrome's CPU profiler over a stretch of a browser test, through a DevTools session: with
 * {@code -Dwebclient.profile=true} the profile is written as a {@code .cpuprofile} (open it in Chrome's DevTools
 * Performance panel, or sum its self times by function) to see what long tasks spend their time on. Without the
 * property it does nothing, so the tests measure the page unobserved.
 */
final class CpuProfile {

    /** Microseconds between samples: fine enough to split a 50 ms task into its parts. */
    private static final int SAMPLING_INTERVAL_US = 200;

    private final CDPSession session;

    private CpuProfile(CDPSession session) {
        this.session = session;
    }

    static CpuProfile startIfAsked(Page page) {
        if (!Boolean.getBoolean("webclient.profile")) {
            return new CpuProfile(null);
        }
        CDPSession session = page.context().newCDPSession(page);
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
        Files.createDirectories(file.getParent());
        Files.writeString(file, stopped.get("profile").toString());
        session.detach();
        System.out.println("CPU profile written to " + file.toAbsolutePath());
    }
}
