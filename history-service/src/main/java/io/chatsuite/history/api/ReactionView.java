package io.chatsuite.history.api;

import java.util.List;
import java.util.UUID;

/** One emoji on a message: how many reacted with it and who, in the order they reacted. */
public record ReactionView(String emoji, int count, List<UUID> userIds) {
}
