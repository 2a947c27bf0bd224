package io.chatsuite.kit.redis;

import io.chatsuite.contracts.protocol.MembersFrame;
import io.chatsuite.contracts.protocol.ServerFrame;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Publishes on Redis channels pipelined: a few hundred PUBLISH commands per write on one connection, the next chunk
 * after the previous one's replies, so every channel gets its messages in the order added (a gateway node hears the
 * users' channels and the {@link MembersFrame#CHANNEL} channel on one connection, so a user gets them in that order
 * too). One pooled connection and one round trip per publish cost a large room's fan-out most of its time. What is published here is the fast path
 * (a client that misses a frame recovers it from history or asks again), so a failed chunk is logged and does not
 * stop the chunks after it.
 */
public final class PipelinedPublishes {

    private static final Logger LOG = Logger.getLogger(PipelinedPublishes.class);
    // Publishes per pipelined write: a large room's event to every member in a few round trips, bounded in memory.
    private static final int CHUNK = 512;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Request> requests = new ArrayList<>();

    public PipelinedPublishes add(String channel, String message) {
        requests.add(Request.cmd(Command.PUBLISH).arg(channel).arg(message));
        return this;
    }

    /**
     * The same frame to every one of the users, on their own channels or, from {@link MembersFrame#FROM_RECIPIENTS}
     * of them, in one publish that every gateway node reads: per node, not per member.
     */
    public PipelinedPublishes addToEach(Collection<UUID> users, String published) {
        if (users.size() >= MembersFrame.FROM_RECIPIENTS) {
            return add(MembersFrame.CHANNEL, MembersFrame.wrap(users, published));
        }
        users.forEach(user -> add(ServerFrame.channelOf(user), published));
        return this;
    }

    public boolean isEmpty() {
        return requests.isEmpty();
    }

    /** Sends everything, in the order added; gives up after a bounded time. */
    public Uni<Void> send(Redis redis) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Request>> chunks = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += CHUNK) {
            chunks.add(requests.subList(from, Math.min(from + CHUNK, requests.size())));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(chunk -> redis.batch(chunk)
                        .onFailure().invoke(failure -> LOG.warnf("%d frames were not published: %s", chunk.size(),
                                failure.toString()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid()
                .ifNoItem().after(TIMEOUT).fail();
    }
}
