package io.chatsuite.contracts.protocol;

import io.chatsuite.contracts.notification.ConversationNotifications;
import java.util.UUID;

/**
 * My notification settings for {@code conversationId} changed (on this device or another of mine); sent to my sockets
 * only, by history-service, which keeps them.
 */
public record NotificationsFrame(UUID conversationId, ConversationNotifications notifications) implements ServerFrame {
}
