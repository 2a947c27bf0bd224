package io.chatsuite.history.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.contracts.chat.ChatEvent;
import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageEdited;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.contracts.user.UserRegistered;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.EventPage;
import io.chatsuite.history.api.MessageView;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class ChatEventsListenerTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Inject
    UserEventsListener userEvents;

    @Test
    void replayedEventsChangeNothing() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Plans", alice, bob);
        MessageCreated first = chat.message(alice, "first draft");
        MessageCreated second = chat.message(bob, "see attached", MessageFormat.PLAIN, first.seq(),
                List.of(new AttachmentRef(UUID.randomUUID(), "plan.pdf", "application/pdf", 2048, null, null, false)));
        MessageEdited olderEdit = chat.edit(first, "second draft");
        MessageEdited newerEdit = chat.edit(first, "final draft");
        var deleted = chat.delete(second);
        var bobLeft = chat.leave(bob);
        var bobBack = chat.join(bob);
        var renamed = chat.rename(alice, "Plans, final");
        var bobRead = chat.read(bob, renamed.seq());
        events.publish(created, first, second, olderEdit, newerEdit, deleted, bobLeft, bobBack, renamed, bobRead);
        history.awaitStored(alice, chat.id(), renamed.seq());
        await().ignoreExceptions().until(() -> history.summary(bob, chat.id()).readSeq() == renamed.seq());
        EventPage before = history.events(alice, chat.id(), 0, 200);
        List<MessageView> messagesBefore = history.allMessages(alice, chat.id());

        // Redelivered out of place, as after a consumer restart or a producer retry; then one new event to wait for.
        MessageCreated next = chat.message(bob, "back again");
        events.publish(second, olderEdit, bobLeft, created, chat.read(bob, first.seq()), deleted, next);
        history.awaitStored(alice, chat.id(), next.seq());

        EventPage after = history.events(alice, chat.id(), 0, 200);
        assertThat(after.events()).extracting(ChatEvent::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, next.seq()).boxed().toList());
        assertThat(after.events().subList(0, before.events().size())).isEqualTo(before.events());
        List<MessageView> messagesAfter = history.allMessages(bob, chat.id());
        assertThat(messagesAfter.subList(0, messagesBefore.size())).isEqualTo(messagesBefore);
        assertThat(messagesAfter).extracting(MessageView::body)
                .containsExactly("final draft", null, "back again");
        assertThat(messagesAfter.get(1).attachments()).isEmpty();
        var summary = history.summary(bob, chat.id());
        assertThat(summary.name()).isEqualTo("Plans, final");
        assertThat(summary.readSeq()).isEqualTo(renamed.seq());
    }

    @Test
    void deletedMessagesLeaveNoBodyOrAttachmentsInTheStoredEvents() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Secrets", alice);
        MessageCreated secret = chat.message(alice, "my password is hunter2", MessageFormat.MARKDOWN, null,
                List.of(new AttachmentRef(UUID.randomUUID(), "key.png", "image/png", 99, 10, 10, true)));
        events.publish(created, secret, chat.edit(secret, "my password is hunter3"), chat.delete(secret));
        history.awaitStored(alice, chat.id(), chat.seq());

        EventPage page = history.events(alice, chat.id(), 0, 50);

        assertThat(page.events()).hasSize(4);
        String everything = page.toString();
        assertThat(everything).doesNotContain("hunter").doesNotContain("key.png");
        assertThat(((MessageCreated) page.events().get(1)).attachments()).isEmpty();
        assertThat(((MessageEdited) page.events().get(2)).body()).isNull();
    }

    @Test
    void displayNamesFollowTheNewestProfileEvenWhenAnOlderOneIsReplayed() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        Instant registeredAt = Instant.now().minusSeconds(60);
        UserRegistered registered = new UserRegistered(alice.id(), alice.username(), "Alice", registeredAt);
        events.publish(registered);
        events.publish(chat.group("Names", alice), chat.message(alice, "hello"));
        // The first read of user.events may wait for the group's first assignment, as in the other tests' 30 s.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> "Alice".equals(history.allMessages(alice, chat.id()).get(0).senderName()));

        events.publish(new ProfileUpdated(alice.id(), alice.username(), "Alice Liddell", null,
                registeredAt.plusSeconds(30)));
        await().ignoreExceptions().until(() -> "Alice Liddell".equals(history.allMessages(alice, chat.id()).get(0).senderName()));

        RecordMetadata replay = events.publish(registered);
        events.awaitConsumed("history-service-users", replay);
        assertThat(history.allMessages(alice, chat.id()).get(0).senderName()).isEqualTo("Alice Liddell");
    }

    @Test
    void userEventsHistoryDoesNotUseArePassedOver() {
        String future = """
                {"type":"user.avatar-changed","v":1,"userId":"%s"}""".formatted(UUID.randomUUID());

        userEvents.store(future).await().atMost(Duration.ofSeconds(5));
    }
}
