package io.chatsuite.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps the offered rate up until delivery p99 exceeds 100 ms (or messages go missing or are refused); reports the
 * highest rate that held and what the suite's processes were doing at the step that broke.
 */
final class ThroughputScenario implements Scenario {

    @Override
    public List<Figure> headline() {
        return List.of(
                new Figure("highest held delivered msg/s", "/highestHeldDeliveredPerSecond"),
                new Figure("first step delivery p99 ms", "/steps/0/delivery/p99_ms"));
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        BenchOptions options = context.options();
        double start = options.decimal("start", 500);
        double max = options.decimal("max", 8000);
        double factor = options.decimal("factor", 1.5);
        Duration step = options.seconds("step", 15);
        Duration warmup = options.seconds("warmup", 3);
        Duration drain = options.seconds("drain", 5);
        double p99Limit = options.decimal("p99-limit", 100);
        int pairs = options.integer("pairs", (int) Math.max(1, Math.ceil(max / 30)));
        PairTraffic traffic = PairTraffic.open(context, pairs);
        report.line("setup: %d users (%d reused, %d registered in %.1f s), %d pairs across %d gateways, %.1f s",
                traffic.users(), traffic.preparation().reused(), traffic.preparation().registered(),
                traffic.preparation().seconds(), pairs, context.gateways().size(), traffic.setupSeconds());
        traffic.measure(Math.min(start, 200), warmup, drain);
        TargetProcesses processes = context.processes();
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, Object> held = null;
        Map<String, Object> broke = null;
        report.line("%9s %9s %9s %9s %9s %9s  %s", "offered/s", "deliv/s", "p50 ms", "p99 ms", "max ms", "refused",
                "busiest (% of one core)");
        for (double rate = start; rate <= max * 1.0001; rate = Math.ceil(rate * factor)) {
            ResourceUse use = ResourceUse.start(processes);
            PairTraffic.Interval interval = traffic.measure(rate, step, drain);
            Map<String, Object> resources = use.stop();
            double p99 = Latencies.ms(interval.delivery().getValueAtPercentile(99));
            boolean complete = interval.delivered() >= interval.sent() * 0.999;
            boolean ok = p99 <= p99Limit && complete && interval.refused() <= interval.sent() / 1000;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("offeredPerSecond", rate);
            row.put("deliveredPerSecond", interval.deliveredPerSecond());
            row.put("sent", interval.sent());
            row.put("delivered", interval.delivered());
            row.put("refused", interval.refused());
            row.put("errors", interval.errors());
            row.put("delivery", Latencies.summary(interval.delivery()));
            row.put("ack", Latencies.summary(interval.acks()));
            row.put("resources", resources);
            row.put("held", ok);
            steps.add(row);
            report.line("%9.0f %9.1f %9.1f %9.1f %9.1f %9d  %s", rate, interval.deliveredPerSecond(),
                    Latencies.ms(interval.delivery().getValueAtPercentile(50)), p99,
                    Latencies.ms(interval.delivery().getMaxValue()), interval.refused(), resources.get("busiest"));
            if (!ok) {
                broke = row;
                break;
            }
            held = row;
        }
        traffic.close();
        report.result("pairs", pairs);
        report.result("stepSeconds", step.toSeconds());
        report.result("steps", steps);
        report.result("highestHeldOfferedPerSecond", held == null ? 0 : held.get("offeredPerSecond"));
        report.result("highestHeldDeliveredPerSecond", held == null ? 0 : held.get("deliveredPerSecond"));
        if (broke == null) {
            report.note("every step up to --max held: the ceiling is above " + max
                    + " msg/s (raise --max and --pairs)");
        } else {
            Map<?, ?> resources = (Map<?, ?>) broke.get("resources");
            report.result("saturatedAt", Map.of("offeredPerSecond", broke.get("offeredPerSecond"),
                    "busiest", resources.get("busiest"), "machineBusyPercent", resources.get("machineBusyPercent"),
                    "gcSeconds", resources.get("gcSeconds")));
            report.line("broke at %.0f msg/s: machine busy %s%%, busiest %s, GC s %s", broke.get("offeredPerSecond"),
                    resources.get("machineBusyPercent"), resources.get("busiest"), resources.get("gcSeconds"));
        }
        report.result("p99LimitMs", p99Limit);
        report.line("highest rate that held (p99 <= %.0f ms, nothing missing): %s msg/s offered, %s delivered/s "
                + "(target 25,000)", p99Limit, report.result("highestHeldOfferedPerSecond"),
                report.result("highestHeldDeliveredPerSecond"));
    }
}
