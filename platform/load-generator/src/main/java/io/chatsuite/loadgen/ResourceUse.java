package io.chatsuite.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU per suite process, machine CPU and GC time per JVM over an interval: what was busy while we measured. */
final class ResourceUse {

    private final TargetProcesses processes;
    private final long begin;
    private final Map<String, Double> cpuBefore;
    private final long[] machineBefore;
    private final Map<String, Double> gcBefore = new LinkedHashMap<>();

    private ResourceUse(TargetProcesses processes) {
        this.processes = processes;
        this.begin = System.nanoTime();
        this.cpuBefore = processes.cpuSeconds();
        this.machineBefore = TargetProcesses.machineTicks();
        processes.components().keySet().forEach(component -> processes.javaPid(component)
                .ifPresent(pid -> gcBefore.put(component, TargetProcesses.jvm(pid).gcSeconds())));
    }

    static ResourceUse start(TargetProcesses processes) {
        return new ResourceUse(processes);
    }

    /** cpuPercent (100 = one core) per component, machineBusyPercent (100 = all cores), gcSeconds per JVM. */
    Map<String, Object> stop() {
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> use = new LinkedHashMap<>();
        Map<String, Double> cpu = TargetProcesses.cpuPercent(cpuBefore, processes.cpuSeconds(), seconds);
        use.put("cpuPercentOfOneCore", cpu);
        use.put("machineBusyPercent", TargetProcesses.machineBusyPercent(machineBefore, TargetProcesses.machineTicks()));
        Map<String, Double> gc = new LinkedHashMap<>();
        gcBefore.forEach((component, before) -> processes.javaPid(component).ifPresent(pid ->
                gc.put(component, Math.round(1000 * (TargetProcesses.jvm(pid).gcSeconds() - before)) / 1000.0)));
        use.put("gcSeconds", gc);
        use.put("busiest", TargetProcesses.busiest(cpu, 4));
        use.put("seconds", Math.round(seconds * 10) / 10.0);
        return use;
    }
}
