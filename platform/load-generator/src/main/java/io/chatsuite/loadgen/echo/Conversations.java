package io.chatsuite.loadgen.echo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The echo's only state about conversations, in memory: who is a member, and a seq counter each, so acks and the
 * history answers carry the numbers a client resumes from. No message is kept.
 */
final class Conversations {

    private record Conversation(Set<String> members, AtomicLong seq) {
    }

    private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
    private final Map<String, String> directByPair = new ConcurrentHashMap<>();

    /** The direct conversation of two users, made on first use. */
    String direct(String userId, String otherUserId) {
        String pair = userId.compareTo(otherUserId) < 0 ? userId + "/" + otherUserId : otherUserId + "/" + userId;
        return directByPair.computeIfAbsent(pair, key -> create(userId, otherUserId));
    }

    /** A new room with its owner as the only member. */
    String room(String ownerId) {
        return create(ownerId);
    }

    /** Adds a member; false if there is no such conversation. */
    boolean join(String conversationId, String userId) {
        Conversation conversation = byId.get(conversationId);
        if (conversation == null) {
            return false;
        }
        conversation.members().add(userId);
        return true;
    }

    /** The members, or null if the conversation does not exist or the user is not in it. */
    Set<String> membersSeenBy(String conversationId, String userId) {
        Conversation conversation = byId.get(conversationId);
        return conversation == null || !conversation.members().contains(userId) ? null : conversation.members();
    }

    /** Takes the conversation's next seq. */
    long nextSeq(String conversationId) {
        return byId.get(conversationId).seq().incrementAndGet();
    }

    /** The last seq taken (0 before the first message). */
    long latestSeq(String conversationId) {
        return byId.get(conversationId).seq().get();
    }

    private String create(String... members) {
        String id = UUID.randomUUID().toString();
        Set<String> set = ConcurrentHashMap.newKeySet();
        set.addAll(List.of(members));
        byId.put(id, new Conversation(set, new AtomicLong()));
        return id;
    }
}
