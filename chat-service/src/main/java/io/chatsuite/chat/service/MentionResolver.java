package io.chatsuite.chat.service;

import io.chatsuite.chat.repository.MentionRepository;
import io.chatsuite.chat.repository.Membership;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.contracts.chat.Mentions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Turns what accepted sends' bodies mention ({@link Mentions}, the shared rule) into the members their events name, for
 * a whole run in one statement (none when nobody is mentioned). A username of a non-member or of nobody, and the
 * sender's own, mention nobody; {@code @room}/{@code @here} counts in rooms only, from the owner and admins, or from
 * anyone where the room lets every member use it, and is plain text otherwise (the message is never refused for it).
 */
@ApplicationScoped
public class MentionResolver {

    private final MentionRepository mentions;

    public MentionResolver(MentionRepository mentions) {
        this.mentions = mentions;
    }

    /** One accepted send: its conversation, sender, the sender's membership and its body. */
    public record Send(UUID conversationId, UUID senderId, Membership membership, String body) {
    }

    /** Whom a send's event names. */
    public record Mentioned(List<UUID> userIds, boolean room) {
        public static final Mentioned NOBODY = new Mentioned(List.of(), false);
    }

    /** Each send's mentions, in order. */
    public Uni<List<Mentioned>> resolve(SqlClient tx, List<Send> sends) {
        int n = sends.size();
        List<Mentions> parsed = new ArrayList<>(n);
        List<Integer> sendOfName = new ArrayList<>();
        List<UUID> conversationOfName = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> roomSends = new ArrayList<>();
        List<UUID> roomConversations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Send send = sends.get(i);
            Mentions found = Mentions.in(send.body());
            parsed.add(found);
            for (String name : found.usernames()) {
                sendOfName.add(i);
                conversationOfName.add(send.conversationId());
                names.add(name);
            }
            if (found.room() && inRoom(send) && !moderator(send)) {
                roomSends.add(i);
                roomConversations.add(send.conversationId());
            }
        }
        if (names.isEmpty() && parsed.stream().noneMatch(Mentions::room)) {
            return Uni.createFrom().item(Collections.nCopies(n, Mentioned.NOBODY));
        }
        return mentions.resolve(tx, sendOfName.toArray(Integer[]::new), conversationOfName.toArray(UUID[]::new),
                        names.toArray(String[]::new), roomSends.toArray(Integer[]::new),
                        roomConversations.toArray(UUID[]::new))
                .map(resolved -> {
                    List<Mentioned> answers = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        Send send = sends.get(i);
                        List<UUID> members = resolved.members().getOrDefault(i, List.of()).stream()
                                .filter(member -> !member.equals(send.senderId())).distinct().toList();
                        boolean room = parsed.get(i).room() && inRoom(send)
                                && (moderator(send) || resolved.roomAllowed().contains(i));
                        answers.add(members.isEmpty() && !room ? Mentioned.NOBODY : new Mentioned(members, room));
                    }
                    return answers;
                });
    }

    private static boolean inRoom(Send send) {
        return send.membership().kind() == ConversationKind.GROUP;
    }

    private static boolean moderator(Send send) {
        return send.membership().role() != MemberRole.MEMBER;
    }
}
