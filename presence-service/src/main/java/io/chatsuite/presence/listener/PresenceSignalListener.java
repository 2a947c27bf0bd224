package io.chatsuite.presence.listener;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.presence.PresenceSignal;
import io.chatsuite.presence.service.PresenceSignals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads presence.signals in order and applies each. A signal that cannot be applied after retries is skipped with a
 * warning, not allowed to stop the stream: the node's next snapshot repairs what it left out.
 */
@ApplicationScoped
public class PresenceSignalListener {

    private static final Logger LOG = Logger.getLogger(PresenceSignalListener.class);

    private final PresenceSignals signals;
    private final ObjectMapper json;

    public PresenceSignalListener(PresenceSignals signals, ObjectMapper json) {
        this.signals = signals;
        this.json = json;
    }

    @Incoming("signals")
    public Uni<Void> consume(String payload) {
        PresenceSignal signal;
        try {
            signal = json.readValue(payload, PresenceSignal.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("skipping an unreadable presence signal: %s", e.getOriginalMessage());
            return Uni.createFrom().voidItem();
        }
        return signals.apply(signal)
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).atMost(5)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("skipping a presence signal that could not be applied (%s): %s", failure.getMessage(),
                            payload);
                    return Uni.createFrom().voidItem();
                });
    }
}
