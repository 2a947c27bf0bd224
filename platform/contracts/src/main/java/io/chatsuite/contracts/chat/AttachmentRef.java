package io.chatsuite.contracts.chat;

import java.util.UUID;

/** An uploaded file as a message carries it; width and height are set for images only. */
public record AttachmentRef(UUID id, String name, String contentType, long size, Integer width, Integer height,
                            boolean hasThumbnail) {
}
