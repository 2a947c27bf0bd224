package io.chatsuite.history.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.history.api.ConversationSummary;
import io.chatsuite.history.api.EventPage;
import io.chatsuite.history.api.MessagePage;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.api.ThreadPage;
import io.chatsuite.history.api.SearchPage;
import io.chatsuite.history.api.SyncResponse;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** history-service's REST API as a client calls it, answers read with the application's ObjectMapper. */
@Singleton
public class HistoryClient {

    private final ObjectMapper mapper;

    public HistoryClient(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public RequestSpecification as(TestUser user) {
        return given().auth().oauth2(user.token());
    }

    public MessagePage messages(TestUser user, UUID conversationId, Long before, Integer limit) {
        RequestSpecification request = as(user);
        if (before != null) {
            request.queryParam("before", before);
        }
        if (limit != null) {
            request.queryParam("limit", limit);
        }
        return read(request.get("/api/history/conversations/{id}/messages", conversationId), MessagePage.class);
    }

    /** Every message, walking the pages from the newest back to the oldest; returned oldest-first. */
    public List<MessageView> allMessages(TestUser user, UUID conversationId) {
        List<MessageView> all = new ArrayList<>();
        Long before = null;
        do {
            MessagePage page = messages(user, conversationId, before, 200);
            all.addAll(0, page.messages());
            before = page.nextBefore();
        } while (before != null);
        return all;
    }

    /** A thread's root and its replies after {@code after}. */
    public ThreadPage thread(TestUser user, UUID conversationId, UUID rootId, long after) {
        return read(as(user).queryParam("after", after)
                .get("/api/history/conversations/{id}/threads/{root}", conversationId, rootId), ThreadPage.class);
    }

    public EventPage events(TestUser user, UUID conversationId, long after, int limit) {
        return read(as(user).queryParam("after", after).queryParam("limit", limit)
                .get("/api/history/conversations/{id}/events", conversationId), EventPage.class);
    }

    public List<ConversationSummary> summaries(TestUser user) {
        return read(as(user).get("/api/history/conversations"), new TypeReference<>() {
        });
    }

    public ConversationSummary summary(TestUser user, UUID conversationId) {
        return summaries(user).stream().filter(summary -> summary.conversationId().equals(conversationId))
                .findFirst().orElseThrow(() -> new AssertionError("no summary of " + conversationId));
    }

    public SyncResponse sync(TestUser user, Map<UUID, Long> lastSeqs) {
        return read(as(user).contentType(ContentType.JSON).body(Map.of("conversations", lastSeqs))
                .post("/api/history/sync"), SyncResponse.class);
    }

    public SearchPage search(TestUser user, String q, int page, int size) {
        return read(as(user).queryParam("q", q).queryParam("page", page).queryParam("size", size)
                .get("/api/history/search"), SearchPage.class);
    }

    /** Waits until the member can read the conversation up to the seq, i.e. history-service stored that event. */
    public void awaitStored(TestUser member, UUID conversationId, long seq) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response response = as(member).queryParam("after", seq - 1).queryParam("limit", 1)
                    .get("/api/history/conversations/{id}/events", conversationId);
            return response.statusCode() == 200 && response.jsonPath().getList("events").size() == 1;
        });
    }

    private <T> T read(Response response, Class<T> type) {
        return read(response, mapper.constructType(type));
    }

    private <T> T read(Response response, TypeReference<T> type) {
        return read(response, mapper.getTypeFactory().constructType(type));
    }

    private <T> T read(Response response, JavaType type) {
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.asString());
        }
        try {
            return mapper.readValue(response.asString(), type);
        } catch (IOException e) {
            throw new AssertionError("unreadable answer: " + response.asString(), e);
        }
    }
}
