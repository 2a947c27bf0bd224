package io.chatsuite.chat.repository;

import io.chatsuite.contracts.chat.AttachmentRef;
import java.util.UUID;

/** An upload as stored: its metadata, the hash that is its ETag, and where (if anywhere) it was posted. */
public record AttachmentRow(AttachmentRef ref, UUID uploaderId, String sha256, String thumbnailType,
                            UUID conversationId, UUID messageId) {

    public UUID id() {
        return ref.id();
    }

    public boolean posted() {
        return messageId != null;
    }
}
