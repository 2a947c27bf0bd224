package io.chatsuite.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of what is measured on this machine: the suite's, found from its data directory (services run in
 * DIR/&lt;name&gt;, Redis and Kafka name DIR in their command lines, PostgreSQL writes DIR/postgres/postmaster.pid), or
 * the echo server's; and what /proc and the JDK's own tools say about them: CPU time, resident memory, Java heap and
 * GC time. Observation only; the load itself goes through the public interfaces.
 */
final class TargetProcesses {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    /** Component name to its processes (PostgreSQL is the postmaster and its backends). */
    private final Map<String, List<Long>> pids;
    private final Map<String, Long> javaPids;

    private TargetProcesses(Map<String, List<Long>> pids, Map<String, Long> javaPids) {
        this.pids = pids;
        this.javaPids = javaPids;
    }

    static TargetProcesses find(TargetSuite suite) {
        Path data = suite.dataDirectory();
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        Map<String, Long> javaPids = new LinkedHashMap<>();
        List<String> services = suite.serviceNames();
        String redisUrl = suite.setting("REDIS_URL");
        String redisAddress = redisUrl == null ? null : redisUrl.replaceFirst("^redis://", "").replaceFirst("/.*$", "");
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(entry.getFileName().toString());
                String command = commandLine(entry);
                Optional<Path> cwd = workingDirectory(entry);
                for (String service : services) {
                    if (cwd.isPresent() && cwd.get().equals(data.resolve(service)) && command.contains("java")) {
                        pids.put(service, List.of(pid));
                        javaPids.put(service, pid);
                    }
                }
                if (command.contains("kafka.Kafka") && command.contains(data.toString())) {
                    pids.put("kafka", List.of(pid));
                    javaPids.put("kafka", pid);
                } else if (redisAddress != null && command.contains("redis-server")
                        && command.trim().endsWith(redisAddress)) {
                    // Redis renames its process to "redis-server host:port".
                    pids.put("redis", List.of(pid));
                }
            }
            Path postmaster = data.resolve("postgres").resolve("postmaster.pid");
            if (Files.exists(postmaster)) {
                long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
                pids.put("postgresql", List.of(pid));
            }
        } catch (IOException e) {
            // Observation is best effort: a process we cannot see is left out of the report, not fatal.
        }
        return new TargetProcesses(pids, javaPids);
    }

    /** One Java process under a name of its own (the echo server). */
    static TargetProcesses ofJava(String component, long pid) {
        return new TargetProcesses(Map.of(component, List.of(pid)), Map.of(component, pid));
    }

    Map<String, List<Long>> components() {
        return pids;
    }

    Optional<Long> javaPid(String component) {
        return Optional.ofNullable(javaPids.get(component));
    }

    /** CPU seconds used so far by each component (PostgreSQL with all its backends). */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((component, list) -> {
            double ticks = 0;
            for (long pid : list) {
                ticks += ticksOf(pid);
                if (component.equals("postgresql")) {
                    ticks += ProcessHandle.of(pid).map(h -> h.descendants().mapToDouble(d -> ticksOf(d.pid())).sum())
                            .orElse(0.0);
                }
            }
            cpu.put(component, ticks / CLOCK_TICKS_PER_SECOND);
        });
        return cpu;
    }

    /** Resident set size in bytes, from /proc/PID/status (VmRSS). */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Open file descriptors of a process (sockets included). */
    static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The JVM's heap in use and total GC time so far, from {@code jstat -gc}. */
    static JvmSample jvm(long pid) {
        Map<String, Double> gc = jstat(pid);
        if (gc.isEmpty()) {
            return new JvmSample(-1, -1, -1);
        }
        double usedKib = gc.getOrDefault("S0U", 0.0) + gc.getOrDefault("S1U", 0.0) + gc.getOrDefault("EU", 0.0)
                + gc.getOrDefault("OU", 0.0);
        return new JvmSample((long) (usedKib * 1024), gc.getOrDefault("GCT", -1.0),
                (long) (gc.getOrDefault("YGC", 0.0) + gc.getOrDefault("FGC", 0.0)));
    }

    /** Asks the JVM for a full collection, so that the heap in use afterwards is what is live. */
    static void collectGarbage(long pid) {
        run(List.of("jcmd", Long.toString(pid), "GC.run"));
    }

    /** The classes holding the most heap (live objects: {@code jcmd GC.class_histogram} collects first). */
    static List<String> classHistogram(long pid, int top) {
        List<String> rows = new ArrayList<>();
        for (String line : run(List.of("jcmd", Long.toString(pid), "GC.class_histogram")).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && rows.size() < top) {
                rows.add(f[3] + " " + f[1] + " instances " + (Long.parseLong(f[2]) / 1024) + " KiB");
            }
        }
        return rows;
    }

    record JvmSample(long heapUsedBytes, double gcSeconds, long collections) {
    }

    private static Map<String, Double> jstat(long pid) {
        String output = run(List.of("jstat", "-gc", Long.toString(pid)));
        String[] lines = output.strip().split("\n");
        Map<String, Double> values = new HashMap<>();
        if (lines.length < 2) {
            return values;
        }
        String[] names = lines[0].trim().split("\\s+");
        String[] numbers = lines[1].trim().split("\\s+");
        for (int i = 0; i < Math.min(names.length, numbers.length); i++) {
            try {
                values.put(names[i], Double.parseDouble(numbers[i]));
            } catch (NumberFormatException e) {
                // "-" for a space the collector does not have
            }
        }
        return values;
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            process.waitFor(30, TimeUnit.SECONDS);
            return new String(out);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static double ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<Path> workingDirectory(Path proc) {
        try {
            return Optional.of(Files.readSymbolicLink(proc.resolve("cwd")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** CPU used per component between two samples, as a share of one core (100 % = one core busy). */
    static Map<String, Double> cpuPercent(Map<String, Double> before, Map<String, Double> after, double seconds) {
        Map<String, Double> percent = new LinkedHashMap<>();
        after.forEach((component, used) -> percent.put(component,
                Math.round(1000 * (used - before.getOrDefault(component, 0.0)) / seconds) / 10.0));
        return percent;
    }

    /** Whole-machine CPU busy share (all cores, 100 % = every core busy) from /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total, idle};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    static double machineBusyPercent(long[] before, long[] after) {
        long total = after[0] - before[0];
        return total == 0 ? 0 : Math.round(1000.0 * (total - (after[1] - before[1])) / total) / 10.0;
    }

    static List<String> busiest(Map<String, Double> percent, int count) {
        List<Map.Entry<String, Double>> entries = new ArrayList<>(percent.entrySet());
        entries.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return entries.stream().limit(count).map(e -> e.getKey() + " " + e.getValue() + "%").toList();
    }
}
