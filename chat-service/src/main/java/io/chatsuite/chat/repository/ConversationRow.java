package io.chatsuite.chat.repository;

import io.chatsuite.contracts.chat.ConversationKind;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversations row. An archived room is read-only; a deleted one has no members and is never shown.
 * {@code everyoneMentionsRoom}: every member may mention the room whole, not only its owner and admins.
 */
public record ConversationRow(UUID id, ConversationKind kind, String name, String topic, boolean isPublic,
                              UUID createdBy, Instant createdAt, long lastSeq, boolean archived,
                              boolean everyoneMentionsRoom) {

    static ConversationRow from(Row row) {
        return new ConversationRow(row.getUUID("id"), ConversationKind.valueOf(row.getString("kind")),
                row.getString("name"), row.getString("topic"), row.getBoolean("is_public"),
                row.getUUID("created_by"), row.getOffsetDateTime("created_at").toInstant(), row.getLong("last_seq"),
                row.getBoolean("archived"), row.getBoolean("everyone_mentions_room"));
    }
}
