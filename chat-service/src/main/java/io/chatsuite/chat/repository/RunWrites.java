package io.chatsuite.chat.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a run of commands writes, gathered as it is decided and stored by {@link CommandRunRepository#store} in one
 * statement: a column per list, so each table's rows go in as arrays.
 */
public final class RunWrites {

    private final OffsetDateTime at;
    private final List<UUID> eventConversations = new ArrayList<>();
    private final List<Long> eventSeqs = new ArrayList<>();
    private final List<String> eventPayloads = new ArrayList<>();
    private final List<UUID> messageIds = new ArrayList<>();
    private final List<UUID> messageConversations = new ArrayList<>();
    private final List<Long> messageSeqs = new ArrayList<>();
    private final List<UUID> messageSenders = new ArrayList<>();
    private final List<UUID> messageThreadRoots = new ArrayList<>();
    private final List<Boolean> messagesAlsoToConversation = new ArrayList<>();
    private final List<UUID> addedMessages = new ArrayList<>();
    private final List<UUID> addedUsers = new ArrayList<>();
    private final List<String> addedEmojis = new ArrayList<>();
    private final List<UUID> removedMessages = new ArrayList<>();
    private final List<UUID> removedUsers = new ArrayList<>();
    private final List<String> removedEmojis = new ArrayList<>();
    private final List<UUID> processedSenders = new ArrayList<>();
    private final List<UUID> processedSessions = new ArrayList<>();
    private final List<String> processedClientIds = new ArrayList<>();
    private final List<UUID> processedConversations = new ArrayList<>();
    private final List<UUID> processedMessages = new ArrayList<>();
    private final List<Long> processedSeqs = new ArrayList<>();
    /** Each reader's cursor once the run's reads are decided (one entry per reader: the run's last move). */
    private final Map<CommandRunRepository.MemberKey, Long> readCursors = new LinkedHashMap<>();

    /** Every row of the run is written at the run's time. */
    public RunWrites(Instant at) {
        this.at = at.atOffset(ZoneOffset.UTC);
    }

    public void event(UUID conversationId, long seq, String payload) {
        eventConversations.add(conversationId);
        eventSeqs.add(seq);
        eventPayloads.add(payload);
    }

    /** A message of the main list has no thread root. */
    public void message(UUID messageId, UUID conversationId, long seq, UUID senderId, UUID threadRootId,
                        boolean alsoToConversation) {
        messageIds.add(messageId);
        messageConversations.add(conversationId);
        messageSeqs.add(seq);
        messageSenders.add(senderId);
        messageThreadRoots.add(threadRootId);
        messagesAlsoToConversation.add(alsoToConversation);
    }

    public void reactionAdded(CommandRunRepository.ReactionKey reaction) {
        addedMessages.add(reaction.messageId());
        addedUsers.add(reaction.userId());
        addedEmojis.add(reaction.emoji());
    }

    public void reactionRemoved(CommandRunRepository.ReactionKey reaction) {
        removedMessages.add(reaction.messageId());
        removedUsers.add(reaction.userId());
        removedEmojis.add(reaction.emoji());
    }

    /** A command id and what it produced, so that a retry gets the same answer (the session: never null). */
    public void processed(UUID senderId, UUID sessionId, String clientId, UUID conversationId, UUID messageId,
                          long seq) {
        processedSenders.add(senderId);
        processedSessions.add(sessionId);
        processedClientIds.add(clientId);
        processedConversations.add(conversationId);
        processedMessages.add(messageId);
        processedSeqs.add(seq);
    }

    /** A read moved the reader's cursor forward to {@code seq}; a later move of the same cursor replaces it. */
    public void readCursor(CommandRunRepository.MemberKey reader, long seq) {
        readCursors.put(reader, seq);
    }

    public boolean isEmpty() {
        return processedSenders.isEmpty() && addedMessages.isEmpty() && removedMessages.isEmpty()
                && readCursors.isEmpty();
    }

    /** The statement's parameters, $1 to $25, in its order. */
    List<Object> parameters() {
        return List.of(uuids(eventConversations), longs(eventSeqs), eventPayloads.toArray(String[]::new),
                uuids(messageIds), uuids(messageConversations), longs(messageSeqs), uuids(messageSenders),
                uuids(messageThreadRoots), messagesAlsoToConversation.toArray(Boolean[]::new),
                uuids(addedMessages), uuids(addedUsers), addedEmojis.toArray(String[]::new),
                uuids(removedMessages), uuids(removedUsers), removedEmojis.toArray(String[]::new),
                uuids(processedSenders), uuids(processedSessions), processedClientIds.toArray(String[]::new),
                uuids(processedConversations), uuids(processedMessages), longs(processedSeqs), at,
                readCursors.keySet().stream().map(CommandRunRepository.MemberKey::conversationId).toArray(UUID[]::new),
                readCursors.keySet().stream().map(CommandRunRepository.MemberKey::userId).toArray(UUID[]::new),
                readCursors.values().toArray(Long[]::new));
    }

    private static UUID[] uuids(List<UUID> column) {
        return column.toArray(UUID[]::new);
    }

    private static Long[] longs(List<Long> column) {
        return column.toArray(Long[]::new);
    }
}
