package io.chatsuite.chat.service;

import io.chatsuite.chat.repository.ConversationRow;
import java.util.Optional;

/**
 * A partial change of a room's settings, as a JSON merge patch (RFC 7396) states it: an empty optional leaves the
 * setting as it is. {@code topic} present but empty clears the topic.
 */
public record RoomChange(Optional<String> name, Optional<Optional<String>> topic, Optional<Boolean> isPublic,
                         Optional<Boolean> everyoneMentionsRoom) {

    public RoomChange(Optional<String> name, Optional<Optional<String>> topic, Optional<Boolean> isPublic) {
        this(name, topic, isPublic, Optional.empty());
    }

    /** The room with this change applied. */
    public ConversationRow applyTo(ConversationRow room) {
        // Not topic.map(...): a cleared topic maps to null, which Optional.map would turn into "unchanged".
        String newTopic = topic.isPresent() ? topic.get().orElse(null) : room.topic();
        return new ConversationRow(room.id(), room.kind(), name.orElse(room.name()), newTopic,
                isPublic.orElse(room.isPublic()),
                room.createdBy(), room.createdAt(), room.lastSeq(), room.archived(),
                everyoneMentionsRoom.orElse(room.everyoneMentionsRoom()));
    }
}
