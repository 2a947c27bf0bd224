package io.chatsuite.chat.repository;

import io.chatsuite.contracts.chat.MemberRole;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/** A member with their current display name, username and picture (null until user.events told us). */
public record MemberRow(UUID userId, MemberRole role, Instant joinedAt, long readSeq, String displayName,
                        String username, UUID avatarId) {

    static MemberRow from(Row row) {
        return new MemberRow(row.getUUID("user_id"), MemberRole.valueOf(row.getString("role")),
                row.getOffsetDateTime("joined_at").toInstant(), row.getLong("read_seq"), row.getString("display_name"),
                row.getString("username"), row.getUUID("avatar_id"));
    }
}
