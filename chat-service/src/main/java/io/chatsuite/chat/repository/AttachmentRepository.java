package io.chatsuite.chat.repository;

import static io.chatsuite.chat.repository.ConversationRepository.first;
import static io.chatsuite.chat.repository.ConversationRepository.map;
import static io.chatsuite.chat.repository.ConversationRepository.utc;

import io.chatsuite.contracts.chat.AttachmentRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Uploads: reserved, stored, attached to one message, deleted with it. */
@ApplicationScoped
public class AttachmentRepository {

    private static final String COLUMNS = "id, uploader_id, name, content_type, size, width, height, has_thumbnail,"
            + " sha256, thumbnail_type, conversation_id, message_id";

    /**
     * Reserves the upload's place within the uploader's quota, under a per-uploader transaction lock so concurrent
     * uploads cannot together pass it. False if the quota would be exceeded; nothing is written then.
     */
    public Uni<Boolean> reserve(SqlClient tx, AttachmentRow row, boolean avatar, Instant at, long quota) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('attachment-quota:' || $1, 0))")
                .execute(Tuple.of(row.uploaderId().toString()))
                .chain(() -> usedBytes(tx, row.uploaderId()))
                .chain(used -> used + row.ref().size() > quota
                        ? Uni.createFrom().item(false)
                        : insert(tx, row, avatar, at).replaceWith(true));
    }

    private Uni<Void> insert(SqlClient tx, AttachmentRow row, boolean avatar, Instant at) {
        AttachmentRef ref = row.ref();
        return tx.preparedQuery("""
                        INSERT INTO attachments (id, uploader_id, name, content_type, size, width, height, has_thumbnail,
                                                 thumbnail_type, sha256, uploaded_at, avatar)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
                .execute(Tuple.from(Arrays.asList(ref.id(), row.uploaderId(), ref.name(), ref.contentType(),
                        ref.size(), ref.width(), ref.height(), ref.hasThumbnail(), row.thumbnailType(), row.sha256(),
                        utc(at), avatar)))
                .replaceWithVoid();
    }

    /** The bytes an uploader holds: every upload not deleted, posted or not, finished or reserved. */
    public Uni<Long> usedBytes(SqlClient client, UUID uploaderId) {
        return client.preparedQuery(
                        "SELECT coalesce(sum(size), 0) AS used FROM attachments WHERE uploader_id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(uploaderId))
                .map(rows -> rows.iterator().next().getLong("used"));
    }

    public Uni<Void> markStored(SqlClient client, UUID id) {
        return client.preparedQuery("UPDATE attachments SET stored = true WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> forget(SqlClient client, UUID id) {
        return client.preparedQuery("DELETE FROM attachments WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /**
     * The uploader's stored, unposted uploads among {@code ids}, locked until the transaction ends, so that two sends
     * racing for one upload cannot both take it.
     */
    public Uni<List<AttachmentRow>> lockAttachable(SqlClient tx, UUID uploaderId, List<UUID> ids) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM attachments WHERE id = ANY($1) AND uploader_id = $2"
                        + " AND stored AND message_id IS NULL AND deleted_at IS NULL AND NOT avatar FOR UPDATE")
                .execute(Tuple.of(ids.toArray(UUID[]::new), uploaderId))
                .map(rows -> map(rows, AttachmentRepository::row));
    }

    public Uni<Void> attach(SqlClient tx, List<UUID> ids, UUID conversationId, UUID messageId) {
        return tx.preparedQuery("UPDATE attachments SET conversation_id = $1, message_id = $2 WHERE id = ANY($3)")
                .execute(Tuple.of(conversationId, messageId, ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** Makes a deleted message's files unreachable at once; the janitor removes the bytes later. */
    public Uni<Void> deleteWithMessage(SqlClient tx, UUID messageId, Instant at) {
        return tx.preparedQuery("UPDATE attachments SET deleted_at = $2 WHERE message_id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(messageId, utc(at))).replaceWithVoid();
    }

    /** A deleted room's files: unreachable at once, removed from the store by the janitor. */
    public Uni<Void> deleteWithConversation(SqlClient tx, UUID conversationId, Instant at) {
        return tx.preparedQuery("""
                        UPDATE attachments SET deleted_at = $2 WHERE conversation_id = $1 AND deleted_at IS NULL""")
                .execute(Tuple.of(conversationId, utc(at))).replaceWithVoid();
    }

    /**
     * An upload the user may read: posted in a conversation they are a member of, or their own upload not posted yet
     * (so a client can preview what it is about to send).
     */
    public Uni<Optional<AttachmentRow>> readable(SqlClient client, UUID id, UUID userId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM attachments a WHERE a.id = $1 AND a.stored"
                        + " AND a.deleted_at IS NULL AND ("
                        + " (a.message_id IS NOT NULL AND EXISTS (SELECT 1 FROM members m"
                        + "   WHERE m.conversation_id = a.conversation_id AND m.user_id = $2))"
                        + " OR (a.message_id IS NULL AND a.uploader_id = $2))")
                .execute(Tuple.of(id, userId))
                .map(rows -> first(rows).map(AttachmentRepository::row));
    }

    /**
     * A profile picture, for any signed-in user: an avatar upload, stored and not deleted. A replaced one is served
     * until the janitor retires it, so a client that has not heard of the new one yet still shows the old.
     */
    public Uni<Optional<AttachmentRow>> avatar(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM attachments WHERE id = $1 AND avatar AND stored"
                        + " AND deleted_at IS NULL")
                .execute(Tuple.of(id))
                .map(rows -> first(rows).map(AttachmentRepository::row));
    }

    /**
     * Marks unposted uploads older than {@code before} deleted. Avatars are never posted and are exempt: they have
     * their own rule ({@link #retireAvatars}).
     */
    public Uni<Void> expireUnposted(SqlClient client, Instant before, Instant at) {
        return client.preparedQuery("UPDATE attachments SET deleted_at = $2 WHERE message_id IS NULL"
                        + " AND deleted_at IS NULL AND NOT avatar AND uploaded_at < $1")
                .execute(Tuple.of(utc(before), utc(at))).replaceWithVoid();
    }

    /**
     * Marks deleted the avatars older than {@code before} that are not their uploader's current picture (replaced,
     * removed, or never chosen). The age keeps a fresh upload whose profile change has not arrived yet.
     */
    public Uni<Void> retireAvatars(SqlClient client, Instant before, Instant at) {
        return client.preparedQuery("""
                        UPDATE attachments a SET deleted_at = $2 WHERE a.avatar AND a.deleted_at IS NULL
                          AND a.uploaded_at < $1
                          AND NOT EXISTS (SELECT 1 FROM known_users u
                                          WHERE u.user_id = a.uploader_id AND u.avatar_id = a.id)""")
                .execute(Tuple.of(utc(before), utc(at))).replaceWithVoid();
    }

    /** Deleted uploads whose objects are still to be removed, oldest first. */
    public Uni<List<RemovableAttachment>> removable(SqlClient client, int limit) {
        return client.preparedQuery("SELECT id, has_thumbnail FROM attachments WHERE deleted_at IS NOT NULL"
                        + " ORDER BY deleted_at LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> map(rows, row -> new RemovableAttachment(row.getUUID("id"), row.getBoolean("has_thumbnail"))));
    }

    /** Reservations older than {@code before} whose bytes never arrived: their upload failed or its replica died. */
    public Uni<Void> abandonUnstored(SqlClient client, Instant before, Instant at) {
        return client.preparedQuery("UPDATE attachments SET deleted_at = $2 WHERE NOT stored AND deleted_at IS NULL"
                        + " AND uploaded_at < $1")
                .execute(Tuple.of(utc(before), utc(at))).replaceWithVoid();
    }

    public record RemovableAttachment(UUID id, boolean hasThumbnail) {
    }

    private static AttachmentRow row(Row row) {
        AttachmentRef ref = new AttachmentRef(row.getUUID("id"), row.getString("name"), row.getString("content_type"),
                row.getLong("size"), row.getInteger("width"), row.getInteger("height"), row.getBoolean("has_thumbnail"));
        return new AttachmentRow(ref, row.getUUID("uploader_id"), row.getString("sha256"),
                row.getString("thumbnail_type"), row.getUUID("conversation_id"), row.getUUID("message_id"));
    }
}
