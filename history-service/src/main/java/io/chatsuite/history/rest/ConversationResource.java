package io.chatsuite.history.rest;

import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.EventPage;
import io.chatsuite.history.api.MessagePage;
import io.chatsuite.history.api.ThreadPage;
import io.chatsuite.history.config.HistoryConfig;
import io.chatsuite.history.service.InboxService;
import io.chatsuite.history.service.TimelineService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's conversations, and the messages and events of one of them. */
@Path("/api/history/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final InboxService inbox;
    private final TimelineService timeline;
    private final HistoryConfig.Pages pages;
    private final JsonWebToken token;

    public ConversationResource(InboxService inbox, TimelineService timeline, HistoryConfig config,
                                JsonWebToken token) {
        this.inbox = inbox;
        this.timeline = timeline;
        this.pages = config.pages();
        this.token = token;
    }

    /** Every conversation the caller is a member of, most recently active first, with unread counts. */
    @GET
    public Uni<List<ConversationSummary>> summaries() {
        return inbox.summaries(Caller.id(token));
    }

    /** The newest messages, or those before a seq; oldest-first, with the cursor of the next older page. */
    @GET
    @Path("/{conversationId}/messages")
    public Uni<MessagePage> messages(@PathParam("conversationId") UUID conversationId,
                                     @QueryParam("before") String before, @QueryParam("limit") String limit) {
        return timeline.messages(Caller.id(token), conversationId, QueryParameters.seq("before", before),
                QueryParameters.size("limit", limit, pages));
    }

    /**
     * A thread: its root (with reply count, last reply time and people) and its replies after a seq (0 when absent),
     * oldest-first, with whether the caller follows it.
     */
    @GET
    @Path("/{conversationId}/threads/{rootId}")
    public Uni<ThreadPage> thread(@PathParam("conversationId") UUID conversationId,
                                  @PathParam("rootId") String rootId, @QueryParam("after") String after,
                                  @QueryParam("limit") String limit) {
        Long afterSeq = QueryParameters.seq("after", after);
        return timeline.thread(Caller.id(token), conversationId, QueryParameters.uuid("rootId", rootId),
                afterSeq == null ? 0 : afterSeq, QueryParameters.size("limit", limit, pages));
    }

    /** Every timeline event after a seq (0 when absent), in seq order, paged. */
    @GET
    @Path("/{conversationId}/events")
    public Uni<EventPage> events(@PathParam("conversationId") UUID conversationId,
                                 @QueryParam("after") String after, @QueryParam("limit") String limit) {
        Long afterSeq = QueryParameters.seq("after", after);
        return timeline.events(Caller.id(token), conversationId, afterSeq == null ? 0 : afterSeq,
                QueryParameters.size("limit", limit, pages));
    }
}
