package io.chatsuite.loadgen;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Delivery and ack latency at a fixed total rate, pairs across two gateway nodes. */
final class LatencyScenario implements Scenario {

    @Override
    public List<Figure> headline() {
        return List.of(
                new Figure("delivered msg/s", "/deliveredPerSecond"),
                new Figure("delivery p50 ms", "/delivery/p50_ms"),
                new Figure("delivery p99 ms", "/delivery/p99_ms"),
                new Figure("ack p99 ms", "/ack/p99_ms"));
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        BenchOptions options = context.options();
        int rate = options.integer("rate", 1000);
        int pairs = options.integer("pairs", Math.max(1, (rate + 19) / 20));
        Duration duration = options.seconds("duration", 60);
        Duration warmup = options.seconds("warmup", 5);
        Duration drain = options.seconds("drain", 10);
        PairTraffic traffic = PairTraffic.open(context, pairs);
        report.line("setup: %d users (%d reused, %d registered in %.1f s), %d pairs across %d gateways, %.1f s",
                traffic.users(), traffic.preparation().reused(), traffic.preparation().registered(),
                traffic.preparation().seconds(), pairs, context.gateways().size(), traffic.setupSeconds());
        traffic.measure(rate, warmup, drain);
        ResourceUse use = ResourceUse.start(context.processes());
        PairTraffic.Interval interval = traffic.measure(rate, duration, drain);
        Map<String, Object> resources = use.stop();
        traffic.close();

        report.result("rate", rate);
        report.result("pairs", pairs);
        report.result("durationSeconds", duration.toSeconds());
        report.result("sent", interval.sent());
        report.result("delivered", interval.delivered());
        report.result("acked", interval.acked());
        report.result("refused", interval.refused());
        report.result("errors", interval.errors());
        report.result("deliveredPerSecond", interval.deliveredPerSecond());
        report.result("delivery", Latencies.summary(interval.delivery()));
        report.result("ack", Latencies.summary(interval.acks()));
        report.result("resources", resources);
        report.line("offered %d msg/s for %d s: sent %d, delivered %d, acked %d, refused %d %s", rate,
                duration.toSeconds(), interval.sent(), interval.delivered(), interval.acked(), interval.refused(),
                interval.errors().isEmpty() ? "" : interval.errors());
        report.line("delivery (send -> recipient's frame): %s", Latencies.line(interval.delivery()));
        report.line("ack      (send -> sender's ack):      %s", Latencies.line(interval.acks()));
        report.line("busiest processes (%% of one core): %s; machine busy %s%%", resources.get("busiest"),
                resources.get("machineBusyPercent"));
        report.line("GC seconds during the run: %s", resources.get("gcSeconds"));
        double p99 = Latencies.ms(interval.delivery().getValueAtPercentile(99));
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("deliveryP99TargetMs", 15);
        target.put("met", rate >= 1000 && p99 <= 15 && interval.delivered() == interval.sent());
        report.result("target", target);
        if (rate >= 1000) {
            report.line("target: delivery p99 <= 15 ms at 1,000 msg/s -> %s",
                    (Boolean) target.get("met") ? "met" : "NOT met (p99 " + p99 + " ms)");
        } else {
            report.line("target: not assessed (this run is smaller than the target's scale)");
        }
    }
}
