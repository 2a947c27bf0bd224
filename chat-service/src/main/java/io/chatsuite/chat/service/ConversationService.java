package io.chatsuite.chat.service;

import io.chatsuite.chat.config.ChatConfig;
import io.chatsuite.chat.repository.ConversationRepository;
import io.chatsuite.chat.repository.ConversationRow;
import io.chatsuite.chat.repository.MemberRow;
import io.chatsuite.chat.repository.Membership;
import io.chatsuite.chat.repository.UserDirectory;
import io.chatsuite.chat.repository.AttachmentRepository;
import io.chatsuite.contracts.chat.ConversationCreated;
import io.chatsuite.contracts.chat.ConversationDeleted;
import io.chatsuite.contracts.chat.ConversationKind;
import io.chatsuite.contracts.chat.ConversationUpdated;
import io.chatsuite.contracts.chat.GroupDirectMembers;
import io.chatsuite.contracts.chat.MemberJoined;
import io.chatsuite.contracts.chat.MemberLeft;
import io.chatsuite.contracts.chat.MemberRole;
import io.chatsuite.problem.Problem.FieldViolation;
import io.chatsuite.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Creating conversations and changing their membership. Every change is a timeline event with its own seq, stored
 * in the same transaction as the change and flushed to Kafka before the caller hears it is done.
 */
@ApplicationScoped
public class ConversationService {

    private final Pool pool;
    private final ConversationRepository conversations;
    private final UserDirectory users;
    private final AttachmentRepository attachments;
    private final UserLookup lookup;
    private final Timeline timeline;
    private final ConversationOutbox outbox;
    private final ChatConfig config;
    private final Clock clock;

    public ConversationService(Pool pool, ConversationRepository conversations, UserDirectory users,
                               UserLookup lookup, AttachmentRepository attachments, Timeline timeline,
                               ConversationOutbox outbox, ChatConfig config, Clock clock) {
        this.attachments = attachments;
        this.lookup = lookup;
        this.pool = pool;
        this.conversations = conversations;
        this.users = users;
        this.timeline = timeline;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** The direct conversation between the two users: the existing one, or a new one. */
    public Uni<UUID> direct(UUID actor, UUID other) {
        if (actor.equals(other)) {
            return Uni.createFrom().failure(ProblemException.invalidField("userId", "is yourself"));
        }
        String key = directKey(actor, other);
        return lookup.require(other).chain(() -> pool.withTransaction(tx -> users.blockedEitherWay(tx, actor, other)
                .chain(blocked -> {
                    if (blocked) {
                        throw ProblemException.forbidden("a block stands between you and this user");
                    }
                    return conversations.findDirect(tx, key);
                }).chain(existing -> existing.isPresent()
                        ? Uni.createFrom().item(existing.get())
                        : create(tx, actor, ConversationKind.DIRECT, null, null, false, key,
                                List.of(new ConversationCreated.Member(actor, MemberRole.MEMBER),
                                        new ConversationCreated.Member(other, MemberRole.MEMBER)))))
                // Two first messages at once: the loser of the unique key finds the winner's conversation.
                .onFailure(PgException.class).recoverWithUni(() ->
                        pool.withConnection(c -> conversations.findDirect(c, key)).map(found -> found.orElseThrow())))
                .call(outbox::flush);
    }

    /**
     * The group direct message between the actor and the others (each checked by {@link GroupDirectMembers}): the
     * existing one for the same set of people in any order, or a new one. Refused when any two of the people have a
     * block between them, either way, the rule a direct conversation applies to its two.
     */
    public Uni<UUID> groupDirect(UUID actor, List<UUID> others) {
        var refusal = GroupDirectMembers.refusal(actor, others);
        if (refusal.isPresent()) {
            return Uni.createFrom().failure(ProblemException.invalidField(refusal.get().field(),
                    refusal.get().message()));
        }
        String key = GroupDirectMembers.key(actor, others);
        UUID[] people = Stream.concat(Stream.of(actor), others.stream()).toArray(UUID[]::new);
        List<ConversationCreated.Member> members = Stream.of(people)
                .map(person -> new ConversationCreated.Member(person, MemberRole.MEMBER)).toList();
        return requireUsers(others).chain(() -> pool.withTransaction(tx -> users.blockedAmong(tx, people)
                .chain(blocked -> {
                    if (blocked) {
                        throw ProblemException.forbidden("a block stands between two of these people");
                    }
                    return conversations.findDirect(tx, key);
                }).chain(existing -> existing.isPresent()
                        ? Uni.createFrom().item(existing.get())
                        : create(tx, actor, ConversationKind.GROUP_DIRECT, null, null, false, key, members)))
                // The same race as for a direct conversation: the loser of the unique key finds the winner's.
                .onFailure(PgException.class).recoverWithUni(() ->
                        pool.withConnection(c -> conversations.findDirect(c, key)).map(found -> found.orElseThrow())))
                .call(outbox::flush);
    }

    /** Each user exists, one after another (the lookup may ask auth-service); an unknown one is named by index. */
    private Uni<Void> requireUsers(List<UUID> userIds) {
        return Multi.createFrom().range(0, userIds.size())
                .onItem().transformToUniAndConcatenate(i -> lookup.require(userIds.get(i))
                        .onFailure(ProblemException.class).transform(failure -> namingField(
                                (ProblemException) failure, "userIds[" + i + "]")))
                .collect().last().replaceWithVoid();
    }

    /** A 404 "no such user" from the lookup, told as which field named that user. */
    private static ProblemException namingField(ProblemException failure, String field) {
        if (failure.status() != 404) {
            return failure;
        }
        return new ProblemException(404, failure.title(), field + ": " + failure.getMessage(),
                List.of(new FieldViolation(field, failure.getMessage())), null);
    }

    public Uni<UUID> createRoom(UUID actor, String name, String topic, boolean isPublic) {
        return pool.withTransaction(tx -> create(tx, actor, ConversationKind.GROUP, name.trim(), topic, isPublic, null,
                        List.of(new ConversationCreated.Member(actor, MemberRole.OWNER))))
                .call(outbox::flush);
    }

    private Uni<UUID> create(SqlClient tx, UUID actor, ConversationKind kind, String name, String topic,
                             boolean isPublic, String directKey, List<ConversationCreated.Member> members) {
        UUID id = UUID.randomUUID();
        Instant at = now();
        Uni<ConversationCreated> created = conversations.insert(tx,
                        new ConversationRow(id, kind, name, topic, isPublic, actor, at, 0, false, false), directKey)
                .chain(() -> timeline.append(tx, id, at,
                        seq -> new ConversationCreated(id, seq, at, actor, kind, name, topic, isPublic, members)));
        return created.call(event -> Multi.createFrom().iterable(members)
                        .onItem().transformToUniAndConcatenate(member -> conversations.addMember(tx, id,
                                member.userId(), member.role(), at, event.seq()))
                        .collect().last())
                .replaceWith(id);
    }

    /** Joins a public room; joining again changes nothing. */
    public Uni<Void> join(UUID actor, UUID roomId) {
        return changeRoom(roomId, tx -> conversations.find(tx, roomId).chain(room -> {
            if (room.isEmpty() || room.get().kind() != ConversationKind.GROUP) {
                throw ProblemException.notFound("no such room");
            }
            return conversations.membership(tx, roomId, actor).chain(membership -> {
                if (membership.isPresent()) {
                    return Uni.createFrom().voidItem();
                }
                if (!room.get().isPublic()) {
                    throw ProblemException.notFound("no such room");
                }
                if (room.get().archived()) {
                    throw archived();
                }
                return conversations.members(tx, roomId).chain(members -> {
                    if (members.size() >= config.limits().roomMembers()) {
                        throw ProblemException.conflict(null, "the room is full");
                    }
                    return addMember(tx, roomId, actor, actor, MemberRole.MEMBER);
                });
            });
        }));
    }

    /** Leaves a room; an owner who leaves hands the room to the longest-standing remaining member. */
    public Uni<Void> leave(UUID actor, UUID roomId) {
        return changeRoom(roomId, tx -> requireMembership(tx, roomId, actor).chain(membership -> {
            if (membership.kind() != ConversationKind.GROUP) {
                throw ProblemException.invalidField("conversationId", "direct conversations cannot be left, group direct ones neither");
            }
            Uni<Void> removal = removeMember(tx, roomId, actor, actor);
            if (membership.role() != MemberRole.OWNER) {
                return removal;
            }
            return removal.chain(() -> conversations.members(tx, roomId)).chain(rest -> rest.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : addMember(tx, roomId, actor, rest.get(0).userId(), MemberRole.OWNER));
        }));
    }

    /**
     * Takes a deleted account out of every conversation it is in, each a leave like any other (a {@code member.left}
     * with its seq, the owner's room handed on), so history and presence stop showing the user there. The messages
     * stay (the documented rule): in a direct conversation the other member keeps it and its history. Applying it
     * again finds no membership and changes nothing.
     */
    public Uni<Void> removeDeletedUser(UUID userId) {
        return pool.withConnection(c -> users.markDeleted(c, userId).chain(() -> conversations.ofMember(c, userId)))
                .chain(memberOf -> Multi.createFrom().iterable(memberOf)
                        .onItem().transformToUniAndConcatenate(conversation ->
                                removeDeletedMember(conversation.id(), userId))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> removeDeletedMember(UUID conversationId, UUID userId) {
        return changeRoom(conversationId, tx -> conversations.membership(tx, conversationId, userId)
                .chain(membership -> {
                    if (membership.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> removal = removeMember(tx, conversationId, userId, userId);
                    if (membership.get().role() != MemberRole.OWNER) {
                        return removal;
                    }
                    return removal.chain(() -> conversations.members(tx, conversationId)).chain(rest -> rest.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : addMember(tx, conversationId, userId, rest.get(0).userId(), MemberRole.OWNER));
                }));
    }

    /** Adds a user, or changes a member's role. Admins add members; only the owner names or demotes admins. */
    public Uni<Void> addOrChangeMember(UUID actor, UUID roomId, UUID userId, MemberRole role) {
        MemberRole wanted = role == null ? MemberRole.MEMBER : role;
        // A user registered a moment ago may not have reached us on user.events yet: resolved outside the transaction.
        return lookup.require(userId).chain(() -> changeRoom(roomId, tx -> requireModerator(tx, roomId, actor)
                .chain(actorRole -> {
            if (wanted == MemberRole.OWNER || (wanted == MemberRole.ADMIN && actorRole != MemberRole.OWNER)) {
                throw ProblemException.forbidden("only the owner names admins, and a room has one owner");
            }
            return requireLiveRoom(tx, roomId).chain(room -> {
                if (room.archived()) {
                    throw archived();
                }
                return conversations.membership(tx, roomId, userId);
            }).chain(existing -> {
                if (existing.isPresent() && existing.get().role() == wanted) {
                    return Uni.createFrom().voidItem();
                }
                if (existing.isPresent() && existing.get().role() == MemberRole.OWNER) {
                    throw ProblemException.forbidden("the owner's role cannot be changed");
                }
                // An admin demoted by another admin could then be removed by her: only the owner changes admins.
                if (existing.isPresent() && existing.get().role() == MemberRole.ADMIN && actorRole != MemberRole.OWNER) {
                    throw ProblemException.forbidden("only the owner changes an admin's role");
                }
                if (existing.isPresent()) {
                    return addMember(tx, roomId, actor, userId, wanted);
                }
                return users.blockedEitherWay(tx, actor, userId).chain(blocked -> {
                    // Either way: nobody is put in a room by someone they blocked, nor puts there someone who blocked them.
                    if (blocked) {
                        throw ProblemException.forbidden("a block stands between you and this user");
                    }
                    return conversations.members(tx, roomId);
                }).chain(members -> {
                    if (members.size() >= config.limits().roomMembers()) {
                        throw ProblemException.conflict(null, "the room is full");
                    }
                    return addMember(tx, roomId, actor, userId, wanted);
                });
            });
        })));
    }

    /** Removes a member. Admins remove members; only the owner removes admins; nobody removes the owner. */
    public Uni<Void> removeMember(UUID actor, UUID roomId, UUID userId) {
        return changeRoom(roomId, tx -> requireModerator(tx, roomId, actor).chain(actorRole ->
                conversations.membership(tx, roomId, userId).chain(target -> {
                    if (target.isEmpty()) {
                        throw ProblemException.notFound("no such member");
                    }
                    MemberRole targetRole = target.get().role();
                    if (targetRole == MemberRole.OWNER
                            || (targetRole == MemberRole.ADMIN && actorRole != MemberRole.OWNER)) {
                        throw ProblemException.forbidden("you may not remove this member");
                    }
                    return removeMember(tx, roomId, actor, userId);
                })));
    }

    /** Changes what the patch names and nothing else (owner and admins); no change, no event. */
    public Uni<Void> updateRoom(UUID actor, UUID roomId, RoomChange change) {
        return changeRoom(roomId, tx -> requireModerator(tx, roomId, actor)
                .chain(role -> requireLiveRoom(tx, roomId))
                .chain(room -> {
                    if (room.archived()) {
                        throw archived();
                    }
                    return saveSettings(tx, actor, room, change.applyTo(room));
                }));
    }

    /** Archives a room (read-only for everyone) or brings it back; the owner's call alone. */
    public Uni<Void> archiveRoom(UUID actor, UUID roomId, boolean archived) {
        return changeRoom(roomId, tx -> requireOwner(tx, roomId, actor)
                .chain(() -> requireLiveRoom(tx, roomId))
                .chain(room -> saveSettings(tx, actor, room, new ConversationRow(room.id(), room.kind(), room.name(),
                        room.topic(), room.isPublic(), room.createdBy(), room.createdAt(), room.lastSeq(), archived,
                        room.everyoneMentionsRoom()))));
    }

    /**
     * Deletes a room for everyone (the owner's call alone): the last event names every former member, who all stop
     * being members in the same transaction; its files become unreachable and are removed by the janitor.
     */
    public Uni<Void> deleteRoom(UUID actor, UUID roomId) {
        return changeRoom(roomId, tx -> requireOwner(tx, roomId, actor)
                .chain(() -> requireLiveRoom(tx, roomId))
                .chain(room -> conversations.memberIds(tx, roomId))
                .chain(formerMembers -> {
                    Instant at = now();
                    return timeline.append(tx, roomId, at, seq -> new ConversationDeleted(roomId, seq, at, actor,
                                    formerMembers))
                            .chain(() -> conversations.markDeleted(tx, roomId, at))
                            .chain(() -> attachments.deleteWithConversation(tx, roomId, at));
                }));
    }

    private Uni<Void> saveSettings(SqlClient tx, UUID actor, ConversationRow before, ConversationRow after) {
        if (after.equals(before)) {
            return Uni.createFrom().voidItem();
        }
        Instant at = now();
        return conversations.update(tx, after.id(), after.name(), after.topic(), after.isPublic(), after.archived(),
                        after.everyoneMentionsRoom())
                .chain(() -> timeline.append(tx, after.id(), at, seq -> new ConversationUpdated(after.id(), seq, at,
                        actor, after.name(), after.topic(), after.isPublic(), after.archived(),
                        after.everyoneMentionsRoom())))
                .replaceWithVoid();
    }

    private Uni<ConversationRow> requireLiveRoom(SqlClient tx, UUID roomId) {
        return conversations.lockLive(tx, roomId)
                .map(room -> room.orElseThrow(() -> ProblemException.notFound("no such room")));
    }

    public Uni<ConversationDetails> details(UUID actor, UUID conversationId) {
        return pool.withConnection(c -> requireMembership(c, conversationId, actor)
                .chain(membership -> conversations.find(c, conversationId))
                .chain(conversation -> conversations.members(c, conversationId)
                        .map(members -> new ConversationDetails(conversation.orElseThrow(), members))));
    }

    public Uni<List<ConversationRow>> mine(UUID actor) {
        return pool.withConnection(c -> conversations.ofMember(c, actor));
    }

    public Uni<List<ConversationRow>> publicRooms(String prefix, int page, int size) {
        return pool.withConnection(c -> conversations.publicRooms(c, prefix == null ? "" : prefix.trim(),
                page * size, size));
    }

    /** A room change in one transaction, flushed to Kafka and the members before the caller is answered. */
    private Uni<Void> changeRoom(UUID roomId, java.util.function.Function<SqlClient, Uni<Void>> change) {
        return pool.withTransaction(change::apply).call(() -> outbox.flush(roomId));
    }

    private Uni<Void> addMember(SqlClient tx, UUID roomId, UUID actor, UUID userId, MemberRole role) {
        Instant at = now();
        return timeline.append(tx, roomId, at, seq -> new MemberJoined(roomId, seq, at, actor, userId, role))
                .chain(event -> conversations.addMember(tx, roomId, userId, role, at, event.seq()));
    }

    private Uni<Void> removeMember(SqlClient tx, UUID roomId, UUID actor, UUID userId) {
        Instant at = now();
        return conversations.removeMember(tx, roomId, userId)
                .chain(() -> timeline.append(tx, roomId, at, seq -> new MemberLeft(roomId, seq, at, actor, userId)))
                .replaceWithVoid();
    }

    private Uni<Membership> requireMembership(SqlClient client, UUID conversationId, UUID userId) {
        return conversations.membership(client, conversationId, userId).map(membership -> membership
                .orElseThrow(() -> ProblemException.notFound("no such conversation")));
    }

    private Uni<Void> requireOwner(SqlClient client, UUID roomId, UUID userId) {
        return requireModerator(client, roomId, userId).map(role -> {
            if (role != MemberRole.OWNER) {
                throw ProblemException.forbidden("only the room's owner may do this");
            }
            return null;
        }).replaceWithVoid();
    }

    private Uni<MemberRole> requireModerator(SqlClient client, UUID roomId, UUID userId) {
        return requireMembership(client, roomId, userId).map(membership -> {
            if (membership.kind() != ConversationKind.GROUP) {
                throw ProblemException.notFound("no such room");
            }
            if (!membership.role().moderates()) {
                throw ProblemException.forbidden("only the room's owner and admins may do this");
            }
            return membership.role();
        });
    }

    private static ProblemException archived() {
        return ProblemException.conflict(null, "the room is archived; its owner can unarchive it");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String directKey(UUID first, UUID second) {
        return GroupDirectMembers.key(first, List.of(second));
    }

    /** A conversation with its members, for a member's eyes. */
    public record ConversationDetails(ConversationRow conversation, List<MemberRow> members) {
    }
}
