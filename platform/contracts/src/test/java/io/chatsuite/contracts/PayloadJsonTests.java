package io.chatsuite.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.ChatCommand;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.ReadCursorMoved;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.contracts.presence.NodeHeartbeat;
import io.chatsuite.contracts.presence.NodeSnapshot;
import io.chatsuite.contracts.presence.PresenceSignal;
import io.chatsuite.contracts.presence.PresenceStatus;
import io.chatsuite.contracts.protocol.PresenceFrame;
import io.chatsuite.contracts.protocol.TypingFrame;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.contracts.user.UserDeleted;
import io.chatsuite.contracts.user.UserEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payloads travel as versioned, self-describing JSON that every service reads back to the same record. */
class PayloadJsonTests {

    // Configured like Quarkus' default mapper: ISO timestamps, unknown fields tolerated.
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

    @Test
    void chatEventsCarryTypeAndVersionAndReadBackWhole() throws Exception {
        ChatEvent created = new MessageCreated(UUID.randomUUID(), 7, AT, UUID.randomUUID(), UUID.randomUUID(),
                "c-1", "**hi**", MessageFormat.MARKDOWN, 3L,
                List.of(new AttachmentRef(UUID.randomUUID(), "cat.png", "image/png", 1234, 640, 480, true)));

        String json = mapper.writeValueAsString(created);
        JsonNode tree = mapper.readTree(json);

        assertThat(tree.get("type").asText()).isEqualTo("message.created");
        assertThat(tree.get("v").asInt()).isEqualTo(1);
        assertThat(tree.get("occurredAt").asText()).isEqualTo("2026-11-22T10:15:30.123Z");
        assertThat(mapper.readValue(json, ChatEvent.class)).isEqualTo(created);
    }

    @Test
    void messageCreatedCarriesItsMentionsAndOldEventsMentionNobody() throws Exception {
        UUID bob = UUID.randomUUID();
        MessageCreated created = new MessageCreated(UUID.randomUUID(), 4, AT, UUID.randomUUID(), UUID.randomUUID(),
                "c-2", "@bob @room", MessageFormat.PLAIN, null, List.of(), null, false, List.of(bob), true);

        String json = mapper.writeValueAsString(created);

        assertThat(mapper.readTree(json).get("mentionedUserIds").get(0).asText()).isEqualTo(bob.toString());
        assertThat(mapper.readTree(json).get("roomMentioned").asBoolean()).isTrue();
        assertThat(mapper.readValue(json, ChatEvent.class)).isEqualTo(created);
        String old = json.replace(",\"mentionedUserIds\":[\"" + bob + "\"],\"roomMentioned\":true", "");
        assertThat(old).doesNotContain("mentioned");
        MessageCreated read = (MessageCreated) mapper.readValue(old, ChatEvent.class);
        assertThat(read.mentionedUserIds()).isEmpty();
        assertThat(read.roomMentioned()).isFalse();
    }

    @Test
    void formatsAndRolesAreWrittenInLowerCaseAndOldUpperCaseEventsStillRead() throws Exception {
        UUID room = UUID.randomUUID();
        ChatEvent joined = new io.chatsuite.contracts.chat.MemberJoined(room, 2, AT, UUID.randomUUID(),
                UUID.randomUUID(), io.chatsuite.contracts.chat.MemberRole.ADMIN);
        ChatEvent created = new MessageCreated(room, 3, AT, UUID.randomUUID(), UUID.randomUUID(), "c-1", "hi",
                MessageFormat.PLAIN, null, List.of());

        assertThat(mapper.readTree(mapper.writeValueAsString(joined)).get("role").asText()).isEqualTo("admin");
        assertThat(mapper.readTree(mapper.writeValueAsString(created)).get("format").asText()).isEqualTo("plain");
        // Stored before the spelling was settled: history-service keeps such JSON and must read it back.
        String old = mapper.writeValueAsString(created).replace("\"plain\"", "\"PLAIN\"");
        assertThat(old).contains("\"PLAIN\"");
        assertThat(mapper.readValue(old, ChatEvent.class)).isEqualTo(created);
        assertThat(mapper.readValue(mapper.writeValueAsString(joined).replace("\"admin\"", "\"ADMIN\""),
                ChatEvent.class)).isEqualTo(joined);
    }

    @Test
    void readCursorsAreChatEventsButNotTimelineEvents() throws Exception {
        ChatEvent moved = new ReadCursorMoved(UUID.randomUUID(), 12, AT, UUID.randomUUID());

        ChatEvent read = mapper.readValue(mapper.writeValueAsString(moved), ChatEvent.class);

        assertThat(read).isEqualTo(moved).isNotInstanceOf(io.chatsuite.contracts.chat.TimelineEvent.class);
    }

    @Test
    void aCursorMarkedUnreadSaysSoAndOneStoredBeforeMarkingUnreadExistedReadsAsAForwardMove() throws Exception {
        ChatEvent back = new ReadCursorMoved(UUID.randomUUID(), 3, AT, UUID.randomUUID(), true);
        String json = mapper.writeValueAsString(back);
        assertThat(mapper.readTree(json).get("markedUnread").asBoolean()).isTrue();
        assertThat(mapper.readValue(json, ChatEvent.class)).isEqualTo(back);

        String older = json.replace(",\"markedUnread\":true", "");
        assertThat(older).doesNotContain("markedUnread");
        assertThat(((ReadCursorMoved) mapper.readValue(older, ChatEvent.class)).markedUnread()).isFalse();
    }

    @Test
    void anEditCarriesWhomItsNewBodyMentionsAndAnOlderEditReadsAsUnresolved() throws Exception {
        UUID bob = UUID.randomUUID();
        var edited = new io.chatsuite.contracts.chat.MessageEdited(UUID.randomUUID(), 5, AT, UUID.randomUUID(),
                UUID.randomUUID(), "now @bob", List.of(bob), false);

        String json = mapper.writeValueAsString(edited);

        assertThat(mapper.readTree(json).get("mentionedUserIds").get(0).asText()).isEqualTo(bob.toString());
        assertThat(mapper.readValue(json, ChatEvent.class)).isEqualTo(edited);
        String older = json.replace(",\"mentionedUserIds\":[\"" + bob + "\"],\"roomMentioned\":false", "");
        assertThat(older).doesNotContain("mentioned");
        var read = (io.chatsuite.contracts.chat.MessageEdited) mapper.readValue(older, ChatEvent.class);
        assertThat(read.mentionsResolved()).as("an edit from before edits were parsed keeps the mentions").isFalse();
    }

    @Test
    void notificationFramesCarryTheSettingsAsServedAndMutesRunOut() throws Exception {
        UUID conversation = UUID.randomUUID();
        var settings = new io.chatsuite.contracts.notification.ConversationNotifications(
                io.chatsuite.contracts.notification.NotificationMode.MENTIONS, true, AT.plusSeconds(60));
        var frame = mapper.readTree(mapper.writeValueAsString(
                new io.chatsuite.contracts.protocol.NotificationsFrame(conversation, settings)));
        assertThat(frame.get("type").asText()).isEqualTo("notifications");
        assertThat(frame.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(frame.get("notifications").get("mode").asText()).isEqualTo("mentions");
        assertThat(frame.get("notifications").get("mutedUntil").asText()).isEqualTo("2026-11-22T10:16:30.123Z");
        assertThat(settings.asOf(AT).muted()).isTrue();
        assertThat(settings.asOf(AT.plusSeconds(60)).muted()).as("runs out at the time given").isFalse();
        assertThat(settings.asOf(AT.plusSeconds(60)).mode())
                .isEqualTo(io.chatsuite.contracts.notification.NotificationMode.MENTIONS);

        var dnd = mapper.readTree(mapper.writeValueAsString(new io.chatsuite.contracts.protocol.DoNotDisturbFrame(
                new io.chatsuite.contracts.notification.DoNotDisturb(true, null))));
        assertThat(dnd.get("type").asText()).isEqualTo("do-not-disturb");
        assertThat(dnd.get("doNotDisturb").get("on").asBoolean()).isTrue();
    }

    @Test
    void markUnreadIsTheUnreadCommandAndItsFrameTheUnreadFrame() throws Exception {
        ChatCommand unread = new io.chatsuite.contracts.chat.MarkUnread("u-1", UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), AT, UUID.randomUUID());
        String json = mapper.writeValueAsString(unread);
        assertThat(mapper.readTree(json).get("type").asText()).isEqualTo("unread");
        assertThat(mapper.readValue(json, ChatCommand.class)).isEqualTo(unread);
        assertThat(ChatCommand.typeName(unread)).isEqualTo("unread");

        var frame = mapper.readTree(mapper.writeValueAsString(new io.chatsuite.contracts.protocol.UnreadFrame(
                UUID.randomUUID(), 4, 7, AT)));
        assertThat(frame.get("type").asText()).isEqualTo("unread");
        assertThat(frame.get("seq").asLong()).isEqualTo(4);
        assertThat(frame.get("unreadCount").asLong()).isEqualTo(7);
    }

    @Test
    void commandsDefaultTheirOptionalParts() throws Exception {
        String json = """
                {"type":"send","v":1,"clientId":"c-9","conversationId":"%s","senderId":"%s",
                 "receivedAt":"2026-11-22T10:15:30.123Z","body":"hello","futureField":true}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID());

        SendMessage send = (SendMessage) mapper.readValue(json, ChatCommand.class);

        assertThat(send.format()).isEqualTo(MessageFormat.MARKDOWN);
        assertThat(send.attachmentIds()).isEmpty();
        assertThat(send.replyTo()).isNull();
    }

    @Test
    void userEventsRoundTrip() throws Exception {
        UserEvent friendship = new FriendshipChanged(UUID.randomUUID(), UUID.randomUUID(),
                FriendshipChanged.FriendshipState.FRIENDS, AT);
        UserEvent revoked = new SessionRevoked(UUID.randomUUID(), UUID.randomUUID(), "logout", AT);

        assertThat(mapper.readValue(mapper.writeValueAsString(friendship), UserEvent.class)).isEqualTo(friendship);
        assertThat(mapper.readTree(mapper.writeValueAsString(revoked)).get("type").asText())
                .isEqualTo("user.session-revoked");
    }

    @Test
    void profilesCarryTheirAvatarAndDeletionsHaveTheirOwnType() throws Exception {
        UserEvent profile = new ProfileUpdated(UUID.randomUUID(), "alice", "Alice", UUID.randomUUID(), AT);
        UserEvent deleted = new UserDeleted(UUID.randomUUID(), AT);

        assertThat(mapper.readValue(mapper.writeValueAsString(profile), UserEvent.class)).isEqualTo(profile);
        assertThat(mapper.readTree(mapper.writeValueAsString(deleted)).get("type").asText()).isEqualTo("user.deleted");
        assertThat(mapper.readValue(mapper.writeValueAsString(deleted), UserEvent.class)).isEqualTo(deleted);
        // Its frame for open clients: a picture removed is written as null, which clients read as initials.
        var frame = mapper.readTree(mapper.writeValueAsString(new io.chatsuite.contracts.protocol.ProfileFrame(
                UUID.randomUUID(), "alice", "Alice", null)));
        assertThat(frame.get("type").asText()).isEqualTo("profile");
        assertThat(frame.has("avatarId") && frame.get("avatarId").isNull()).isTrue();
    }

    @Test
    void presenceSignalsNameTheirTypeAndKeepTheKeyOutOfThePayload() throws Exception {
        UUID node = UUID.randomUUID();
        PresenceSignal snapshot = new NodeSnapshot(node, UUID.randomUUID(), 1, 2,
                List.of(new NodeSnapshot.Socket("s-1", UUID.randomUUID(), UUID.randomUUID(), true)), AT);
        PresenceSignal heartbeat = new NodeHeartbeat(node, 5000, 3, AT);

        String json = mapper.writeValueAsString(snapshot);

        assertThat(mapper.readTree(json).get("type").asText()).isEqualTo("node.snapshot");
        assertThat(mapper.readTree(json).has("partitionKey")).isFalse();
        assertThat(mapper.readValue(json, PresenceSignal.class)).isEqualTo(snapshot);
        assertThat(mapper.readValue(mapper.writeValueAsString(heartbeat), PresenceSignal.class)).isEqualTo(heartbeat);
        assertThat(heartbeat.partitionKey()).isEqualTo(node.toString());
    }

    @Test
    void presenceFramesUseTheProtocolsNames() throws Exception {
        JsonNode frame = mapper.readTree(mapper.writeValueAsString(
                new PresenceFrame(UUID.randomUUID(), PresenceStatus.AWAY, AT)));

        assertThat(frame.get("type").asText()).isEqualTo("presence");
        assertThat(frame.get("status").asText()).isEqualTo("away");
        assertThat(frame.get("lastSeenAt").asText()).isEqualTo("2026-11-22T10:15:30.123Z");
        assertThat(mapper.readTree(mapper.writeValueAsString(new TypingFrame(UUID.randomUUID(), UUID.randomUUID(),
                false))).get("type").asText()).isEqualTo("typing");
    }
}
