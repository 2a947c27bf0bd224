package io.chatsuite.loadgen;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A working team's mix at a fixed total rate ({@link MixedTraffic}): messages, thread replies, reactions and reads,
 * pairs across two gateway nodes; latency by kind, and the suite's CPU per command.
 */
final class MixedScenario implements Scenario {

    @Override
    public List<Figure> headline() {
        return List.of(
                new Figure("messages and replies delivered/s", "/deliveredPerSecond"),
                new Figure("message delivery p99 ms", "/delivery/message/p99_ms"),
                new Figure("reaction delivery p99 ms", "/delivery/reaction/p99_ms"),
                new Figure("ack p99 ms (messages)", "/ack/message/p99_ms"),
                new Figure("ack p99 ms (reads)", "/ack/read/p99_ms"));
    }

    @Override
    public void run(BenchContext context, Report report) throws Exception {
        BenchOptions options = context.options();
        int rate = options.integer("rate", 500);
        int pairs = options.integer("pairs", Math.max(1, (rate + 19) / 20));
        Duration duration = options.seconds("duration", 60);
        Duration warmup = options.seconds("warmup", 5);
        Duration drain = options.seconds("drain", 10);
        MixedTraffic traffic = MixedTraffic.open(context, pairs);
        Pairs set = traffic.pairs();
        report.line("setup: %d users (%d reused, %d registered in %.1f s), %d pairs across %d gateways, %.1f s",
                traffic.users(), set.preparation().reused(), set.preparation().registered(),
                set.preparation().seconds(), pairs, context.gateways().size(), set.setupSeconds());
        traffic.measure(rate, warmup, drain);
        ResourceUse use = ResourceUse.start(context.processes());
        MixedTraffic.Interval interval = traffic.measure(rate, duration, drain);
        Map<String, Object> resources = use.stop();
        traffic.close();

        report.result("rate", rate);
        report.result("pairs", pairs);
        report.result("durationSeconds", duration.toSeconds());
        report.result("mix", MixedTraffic.CYCLE.stream().map(MixedTraffic.Kind::label).toList());
        report.result("sent", byKind(interval.sent()));
        report.result("acked", byKind(interval.acked()));
        report.result("refused", byKind(interval.refused()));
        report.result("errors", interval.errors());
        Map<String, Long> delivered = new LinkedHashMap<>();
        delivered.put("message", interval.messagesDelivered());
        delivered.put("threadReply", interval.threadRepliesDelivered());
        delivered.put("reaction", interval.reactionsDelivered());
        delivered.put("receipt", interval.receiptsDelivered());
        report.result("delivered", delivered);
        report.result("deliveredPerSecond", interval.deliveredPerSecond());
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("message", Latencies.summary(interval.messageDelivery()));
        delivery.put("threadReply", Latencies.summary(interval.threadDelivery()));
        delivery.put("reaction", Latencies.summary(interval.reactionDelivery()));
        report.result("delivery", delivery);
        Map<String, Object> acks = new LinkedHashMap<>();
        interval.acks().forEach((kind, histogram) -> acks.put(key(kind), Latencies.summary(histogram)));
        report.result("ack", acks);
        report.result("resources", resources);
        report.result("cpuMsPerCommand", cpuMsPerCommand(resources, interval));

        report.line("offered %d commands/s for %d s: sent %s, acked %s, refused %s %s", rate, duration.toSeconds(),
                byKind(interval.sent()), byKind(interval.acked()), byKind(interval.refused()),
                interval.errors().isEmpty() ? "" : interval.errors());
        report.line("delivered to the other member: %d messages, %d thread replies, %d reactions, %d receipts",
                interval.messagesDelivered(), interval.threadRepliesDelivered(), interval.reactionsDelivered(),
                interval.receiptsDelivered());
        report.line("delivery, message:      %s", Latencies.line(interval.messageDelivery()));
        report.line("delivery, thread reply: %s", Latencies.line(interval.threadDelivery()));
        report.line("delivery, reaction:     %s", Latencies.line(interval.reactionDelivery()));
        interval.acks().forEach((kind, histogram) ->
                report.line("ack, %-13s %s", kind.label() + ":", Latencies.line(histogram)));
        report.line("busiest processes (%% of one core): %s; machine busy %s%%; CPU per command %s ms",
                resources.get("busiest"), resources.get("machineBusyPercent"), cpuMsPerCommand(resources, interval));
    }

    private static Map<String, Long> byKind(Map<MixedTraffic.Kind, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((kind, count) -> named.put(key(kind), count));
        return named;
    }

    /** message, threadReply, reaction, read: the keys of the JSON report. */
    private static String key(MixedTraffic.Kind kind) {
        String label = kind.label();
        int space = label.indexOf(' ');
        return space < 0 ? label
                : label.substring(0, space) + Character.toUpperCase(label.charAt(space + 1)) + label.substring(space + 2);
    }

    /** Every measured process's CPU in the interval (the load generator's not among them), per command sent. */
    @SuppressWarnings("unchecked")
    private static double cpuMsPerCommand(Map<String, Object> resources, MixedTraffic.Interval interval) {
        Map<String, Double> cpu = (Map<String, Double>) resources.get("cpuPercentOfOneCore");
        double seconds = ((Number) resources.get("seconds")).doubleValue();
        double coreSeconds = cpu.values().stream().mapToDouble(Double::doubleValue).sum() / 100 * seconds;
        return interval.sentTotal() == 0 ? 0 : Math.round(coreSeconds * 1e6 / interval.sentTotal()) / 1000.0;
    }
}
