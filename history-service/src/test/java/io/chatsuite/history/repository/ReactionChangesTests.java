package io.chatsuite.history.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.contracts.chat.ReactionAdded;
import io.chatsuite.contracts.chat.ReactionRemoved;
import io.chatsuite.history.repository.ReactionChanges.Change;
import io.chatsuite.history.repository.ReactionChanges.Kind;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run of reaction events comes down to the change one-at-a-time application would leave, per reaction. */
class ReactionChangesTests {

    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID MESSAGE = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    @Test
    void aFirstAddKeepsARowThatIsThereAndALaterAddOfTheSameReactionChangesNothing() {
        assertThat(ReactionChanges.of(List.of(added(3, ALICE, "👍"), added(5, ALICE, "👍"))))
                .containsExactly(new Change(CONVERSATION, MESSAGE, ALICE, "👍", 3L, Kind.ADD));
    }

    @Test
    void aRemovalLastRemovesWhateverWasAddedBefore() {
        assertThat(ReactionChanges.of(List.of(added(3, ALICE, "👍"), removed(4, ALICE, "👍"))))
                .containsExactly(new Change(CONVERSATION, MESSAGE, ALICE, "👍", null, Kind.REMOVE));
    }

    @Test
    void anAddAfterARemovalStoresTheRowAgainWithTheLaterSeq() {
        assertThat(ReactionChanges.of(List.of(removed(3, ALICE, "👍"), added(4, ALICE, "👍"), added(6, ALICE, "👍"))))
                .containsExactly(new Change(CONVERSATION, MESSAGE, ALICE, "👍", 4L, Kind.REPLACE));
    }

    @Test
    void eachPersonAndEmojiIsAReactionOfItsOwnInTheOrderFirstSeen() {
        assertThat(ReactionChanges.of(List.of(added(3, BOB, "👍"), added(4, ALICE, "👍"), added(5, BOB, "🎉"),
                removed(6, BOB, "👍"))))
                .containsExactly(new Change(CONVERSATION, MESSAGE, BOB, "👍", null, Kind.REMOVE),
                        new Change(CONVERSATION, MESSAGE, ALICE, "👍", 4L, Kind.ADD),
                        new Change(CONVERSATION, MESSAGE, BOB, "🎉", 5L, Kind.ADD));
    }

    private static ReactionAdded added(long seq, UUID user, String emoji) {
        return new ReactionAdded(CONVERSATION, seq, Instant.EPOCH, user, MESSAGE, emoji);
    }

    private static ReactionRemoved removed(long seq, UUID user, String emoji) {
        return new ReactionRemoved(CONVERSATION, seq, Instant.EPOCH, user, MESSAGE, emoji);
    }
}
