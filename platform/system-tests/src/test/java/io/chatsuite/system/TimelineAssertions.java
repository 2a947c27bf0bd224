package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;

/** What every fault test promises of one conversation: nothing acked lost, nothing twice, every client alike. */
final class TimelineAssertions {

    private TimelineAssertions() {
    }

    /**
     * The stored events after {@code before} are exactly the acked messages, gapless, each once; and each client,
     * once resumed, shows that same timeline.
     */
    static void assertCompleteAndAlike(List<JsonNode> stored, long before, Collection<String> ackedIds,
                                       Collection<RoamingClient> clients) {
        int total = ackedIds.size();
        assertThat(stored).extracting(e -> e.path("seq").asLong()).as("gapless, nothing beyond what was acked")
                .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + total).boxed().toList());
        assertThat(stored).extracting(e -> e.path("clientId").asText()).as("every acked message, once")
                .containsExactlyInAnyOrderElementsOf(ackedIds);
        List<String> truth = summary(stored);
        for (RoamingClient client : clients) {
            assertThat(summary(List.copyOf(client.timeline().values()))).as("a client's timeline").isEqualTo(truth);
        }
    }

    private static List<String> summary(List<JsonNode> events) {
        return events.stream().map(e -> e.path("seq").asLong() + " " + e.path("type").asText() + " "
                + e.path("messageId").asText() + " " + e.path("clientId").asText() + " " + e.path("body").asText())
                .toList();
    }
}
