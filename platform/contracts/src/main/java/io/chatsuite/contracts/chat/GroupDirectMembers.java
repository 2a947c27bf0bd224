package io.chatsuite.contracts.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one rule for who a group direct message is between: {@value #MIN_PEOPLE} to {@value #MAX_PEOPLE} people, the
 * requester included. The request names the others ({@code userIds}): each once, never the requester (so asking
 * for "the same people" has one spelling). Fewer is a direct conversation; more wants a room.
 */
public final class GroupDirectMembers {

    public static final int MIN_PEOPLE = 3;
    public static final int MAX_PEOPLE = 9;

    private GroupDirectMembers() {
    }

    /** Why the others cannot make a group direct message with the requester (a message for the client), or empty. */
    public static Optional<Refusal> refusal(UUID requester, List<UUID> others) {
        if (others == null) {
            return Optional.of(new Refusal("userIds", "is required"));
        }
        int people = others.size() + 1;
        if (people < MIN_PEOPLE || people > MAX_PEOPLE) {
            return Optional.of(new Refusal("userIds", "must name " + (MIN_PEOPLE - 1) + " to " + (MAX_PEOPLE - 1)
                    + " other users (a group direct message is " + MIN_PEOPLE + " to " + MAX_PEOPLE
                    + " people, you included)"));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < others.size(); i++) {
            UUID other = others.get(i);
            String field = "userIds[" + i + "]";
            if (other == null) {
                return Optional.of(new Refusal(field, "is required"));
            }
            if (other.equals(requester)) {
                return Optional.of(new Refusal(field, "is yourself; name only the others"));
            }
            if (!seen.add(other)) {
                return Optional.of(new Refusal(field, "names a user twice"));
            }
        }
        return Optional.empty();
    }

    /**
     * The key that finds the conversation again: every member's id, sorted, joined by {@code ':'}. The same set of
     * people in any order gives the same key; a direct conversation's key is this for two people.
     */
    public static String key(UUID requester, List<UUID> others) {
        return Stream.concat(Stream.of(requester), others.stream())
                .sorted().map(UUID::toString).collect(Collectors.joining(":"));
    }

    /** A refused field and why. */
    public record Refusal(String field, String message) {
    }
}
