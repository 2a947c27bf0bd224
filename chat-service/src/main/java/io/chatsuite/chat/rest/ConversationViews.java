package io.chatsuite.chat.rest;

import io.chatsuite.chat.repository.ConversationRow;
import io.chatsuite.chat.repository.MemberRow;
import io.chatsuite.chat.service.ConversationService.ConversationDetails;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The conversation API's response types. */
public final class ConversationViews {

    private ConversationViews() {
    }

    /**
     * A conversation; {@code archived} rooms are read-only. {@code roomMentions}: who may use {@code @room} and
     * {@code @here}, {@code "admins"} (owner and admins, the default) or {@code "everyone"}.
     */
    public record ConversationView(UUID id, ConversationKind kind, String name, String topic, boolean isPublic,
                                   Instant createdAt, long lastSeq, boolean archived, String roomMentions) {

        static ConversationView of(ConversationRow row) {
            return new ConversationView(row.id(), row.kind(), row.name(), row.topic(), row.isPublic(),
                    row.createdAt(), row.lastSeq(), row.archived(),
                    RoomPatch.roomMentionsName(row.everyoneMentionsRoom()));
        }
    }

    /**
     * A member; {@code username} is what {@code @username} mentions them by (the composer suggests it);
     * {@code avatarId} is their picture at {@code /api/avatars/{avatarId}}, or null for initials.
     */
    public record MemberView(UUID userId, String displayName, MemberRole role, Instant joinedAt, long readSeq,
                             String username, UUID avatarId) {

        static MemberView of(MemberRow row) {
            return new MemberView(row.userId(), row.displayName(), row.role(), row.joinedAt(), row.readSeq(),
                    row.username(), row.avatarId());
        }
    }

    public record ConversationDetailsView(ConversationView conversation, List<MemberView> members) {

        static ConversationDetailsView of(ConversationDetails details) {
            return new ConversationDetailsView(ConversationView.of(details.conversation()),
                    details.members().stream().map(MemberView::of).toList());
        }
    }
}
