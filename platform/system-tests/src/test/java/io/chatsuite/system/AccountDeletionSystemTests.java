package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.system.SuiteApi.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deleting an account through auth-service reaches the other services on user.events: chat-service takes the user out
 * of their room and their direct conversation as leaves, history shows those leaves, and presence stops showing the
 * user to the people they shared conversations with. The messages stay, from "Deleted user".
 */
class AccountDeletionSystemTests extends TwoGatewaySuite {

    @Test
    void aDeletedAccountLeavesItsConversationsEverywhereAndItsMessagesStay() throws Exception {
        Account gone = api.register("leaving");
        Account bob = api.register("staying");
        String room = api.room(gone, "Farewell room", bob);
        String direct = api.direct(bob, gone);
        await("bob sees the other user's presence").atMost(Duration.ofSeconds(30)).until(() ->
                api.send("GET", "/api/presence/" + gone.id(), bob.token(), null).statusCode() == 200);

        api.call("POST", "/api/auth/account/deletion", gone.token(),
                Map.of("password", "Correct-Horse-" + gone.username()), 204);

        await("the user left both conversations").atMost(Duration.ofSeconds(30)).until(() ->
                memberIds(room, bob).equals(List.of(bob.id())) && memberIds(direct, bob).equals(List.of(bob.id())));
        JsonNode roomDetails = api.call("GET", "/api/conversations/" + room, bob.token(), null, 200);
        assertThat(roomDetails.path("members").get(0).path("role").asText()).isEqualTo("owner");
        for (String conversation : List.of(room, direct)) {
            await("history shows the leave").atMost(Duration.ofSeconds(30)).until(() ->
                    api.timelineAfter(conversation, bob, 0).stream().anyMatch(event ->
                            event.path("type").asText().equals("member.left")
                                    && event.path("userId").asText().equals(gone.id())));
        }
        await("presence no longer shows the user").atMost(Duration.ofSeconds(30)).until(() ->
                api.send("GET", "/api/presence/" + gone.id(), bob.token(), null).statusCode() == 404);
        // Nobody starts a conversation with the deleted account again.
        assertThat(api.send("POST", "/api/conversations/direct", bob.token(), Map.of("userId", gone.id()))
                .statusCode()).isEqualTo(404);
    }

    private static List<String> memberIds(String conversation, Account reader) throws Exception {
        List<String> ids = new ArrayList<>();
        api.call("GET", "/api/conversations/" + conversation, reader.token(), null, 200).path("members")
                .forEach(member -> ids.add(member.path("userId").asText()));
        return ids;
    }
}
