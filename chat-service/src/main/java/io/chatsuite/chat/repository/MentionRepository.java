package io.chatsuite.chat.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Resolves the mentions of a run of sends in one statement, whatever the run's size. */
@ApplicationScoped
public class MentionRepository {

    /**
     * Element j of the first three arrays is one username ({@code usernames[j]}, lower-cased) mentioned by send
     * {@code sends[j]} in conversation {@code conversations[j]}; element j of the last two asks whether send
     * {@code roomSends[j]}'s room lets every member mention it whole. Answers the members found (in the order
     * mentioned; usernames of non-members and unknown users find nobody) and the sends whose room allows it.
     */
    public Uni<Resolved> resolve(SqlClient client, Integer[] sends, UUID[] conversations, String[] usernames,
                                 Integer[] roomSends, UUID[] roomConversations) {
        return client.preparedQuery("""
                        SELECT k.i, m.user_id, k.n
                        FROM unnest($1::int[], $2::uuid[], $3::text[]) WITH ORDINALITY AS k(i, conversation_id,
                                                                                           username, n)
                        JOIN members m ON m.conversation_id = k.conversation_id
                        JOIN known_users u ON u.user_id = m.user_id AND lower(u.username) = k.username
                        UNION ALL
                        SELECT r.i, NULL, 0
                        FROM unnest($4::int[], $5::uuid[]) AS r(i, conversation_id)
                        JOIN conversations c ON c.id = r.conversation_id AND c.everyone_mentions_room
                        ORDER BY 3""")
                .execute(Tuple.of(sends, conversations, usernames, roomSends).addArrayOfUUID(roomConversations))
                .map(rows -> {
                    Map<Integer, List<UUID>> members = new HashMap<>();
                    Set<Integer> roomAllowed = new HashSet<>();
                    rows.forEach(row -> {
                        int send = row.getInteger("i");
                        UUID member = row.getUUID("user_id");
                        if (member == null) {
                            roomAllowed.add(send);
                        } else {
                            members.computeIfAbsent(send, k -> new ArrayList<>()).add(member);
                        }
                    });
                    return new Resolved(members, roomAllowed);
                });
    }

    /** The members each send mentions, by send; the sends whose room every member may mention whole. */
    public record Resolved(Map<Integer, List<UUID>> members, Set<Integer> roomAllowed) {
    }
}
