package io.chatsuite.auth.service;

import io.chatsuite.auth.api.FriendshipStatus;
import io.chatsuite.auth.api.Relation;
import io.chatsuite.auth.mapping.UserMapper;
import io.chatsuite.auth.model.Block;
import io.chatsuite.auth.model.FriendRequest;
import io.chatsuite.auth.model.UserAccount;
import io.chatsuite.auth.repository.BlockRepository;
import io.chatsuite.auth.repository.FriendRequestRepository;
import io.chatsuite.auth.repository.FriendshipRepository;
import io.chatsuite.auth.repository.PairRelationship;
import io.chatsuite.auth.repository.RelationshipRepository;
import io.chatsuite.auth.repository.UserRepository;
import io.chatsuite.contracts.user.BlockChanged;
import io.chatsuite.contracts.user.FriendshipChanged;
import io.chatsuite.contracts.user.FriendshipChanged.FriendshipState;
import io.chatsuite.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Friends and blocks. Every change locks both users first, so concurrent changes to one pair take turns, and
 * publishes what it changed on user.events, keyed by the user who acted.
 */
@ApplicationScoped
public class RelationshipService {

    private final UserRepository users;
    private final FriendRequestRepository requests;
    private final FriendshipRepository friendships;
    private final BlockRepository blocks;
    private final RelationshipRepository relationships;
    private final UserEvents events;
    private final Clock clock;

    public RelationshipService(UserRepository users, FriendRequestRepository requests,
                               FriendshipRepository friendships, BlockRepository blocks,
                               RelationshipRepository relationships, UserEvents events, Clock clock) {
        this.users = users;
        this.requests = requests;
        this.friendships = friendships;
        this.blocks = blocks;
        this.relationships = relationships;
        this.events = events;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<Relation>> friends(UUID me) {
        return friendships.friendsOf(me).flatMap(found -> relations(found, f -> f.friendId, f -> f.since));
    }

    @WithSession
    public Uni<List<Relation>> incomingRequests(UUID me) {
        return requests.incoming(me).flatMap(found -> relations(found, r -> r.requesterId, r -> r.createdAt));
    }

    @WithSession
    public Uni<List<Relation>> outgoingRequests(UUID me) {
        return requests.outgoing(me).flatMap(found -> relations(found, r -> r.addresseeId, r -> r.createdAt));
    }

    @WithSession
    public Uni<List<Relation>> blocked(UUID me) {
        return blocks.blockedBy(me).flatMap(found -> relations(found, b -> b.blockedId, b -> b.createdAt));
    }

    /** Asks the other user to be friends; if they had already asked, the two become friends. */
    public Uni<FriendshipStatus> request(UUID me, UUID other) {
        notSelf(me, other);
        Instant now = clock.instant();
        return events.inTransaction(() -> lockedRelationship(me, other).flatMap(between -> {
            if (between.theyBlocked()) {
                throw ProblemException.forbidden("This user does not accept friend requests from you.");
            }
            if (between.iBlocked()) {
                throw ProblemException.conflict("userId", "you blocked this user; unblock them first");
            }
            if (between.friends()) {
                throw ProblemException.conflict("userId", "you are already friends");
            }
            if (between.iRequested()) {
                throw ProblemException.conflict("userId", "you already asked this user");
            }
            if (between.theyRequested()) {
                return requests.deleteRequest(other, me).flatMap(deleted -> befriend(me, other, now));
            }
            return requests.persist(new FriendRequest(me, other, now))
                    .flatMap(saved -> changed(me, other, FriendshipState.REQUESTED, now));
        }));
    }

    public Uni<FriendshipStatus> accept(UUID me, UUID requester) {
        Instant now = clock.instant();
        return events.inTransaction(() -> lockedRelationship(me, requester)
                .flatMap(between -> requests.deleteRequest(requester, me))
                .invoke(RelationshipService::requirePending)
                .flatMap(deleted -> befriend(me, requester, now)));
    }

    public Uni<Void> decline(UUID me, UUID requester) {
        return endRequest(me, requester, requester, me);
    }

    public Uni<Void> cancel(UUID me, UUID addressee) {
        return endRequest(me, addressee, me, addressee);
    }

    public Uni<Void> unfriend(UUID me, UUID friend) {
        Instant now = clock.instant();
        return events.inTransaction(() -> lockedRelationship(me, friend).flatMap(between -> {
            if (!between.friends()) {
                throw ProblemException.notFound("You are not friends with this user.");
            }
            return friendships.deleteBetween(me, friend)
                    .flatMap(deleted -> changed(me, friend, FriendshipState.NONE, now))
                    .replaceWithVoid();
        }));
    }

    /** Blocks the other user, ending any friendship or request between them; blocking again changes nothing. */
    public Uni<Void> block(UUID me, UUID other) {
        notSelf(me, other);
        Instant now = clock.instant();
        return events.inTransaction(() -> lockedRelationship(me, other).flatMap(between -> {
            if (between.iBlocked()) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> ended = between.related()
                    ? friendships.deleteBetween(me, other)
                            .flatMap(deleted -> requests.deleteBetween(me, other))
                            .flatMap(deleted -> changed(me, other, FriendshipState.NONE, now))
                            .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return ended
                    .flatMap(done -> blocks.persist(new Block(me, other, now)))
                    .flatMap(saved -> events.publish(new BlockChanged(me, other, true, now)));
        }));
    }

    public Uni<Void> unblock(UUID me, UUID other) {
        Instant now = clock.instant();
        return events.inTransaction(() -> blocks.deleteBlock(me, other).flatMap(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("You have not blocked this user.");
            }
            return events.publish(new BlockChanged(me, other, false, now));
        }));
    }

    /** Declines (as addressee) or cancels (as requester) the pending request from requester to addressee. */
    private Uni<Void> endRequest(UUID me, UUID other, UUID requester, UUID addressee) {
        Instant now = clock.instant();
        return events.inTransaction(() -> lockedRelationship(me, other)
                .flatMap(between -> requests.deleteRequest(requester, addressee))
                .invoke(RelationshipService::requirePending)
                .flatMap(deleted -> changed(me, other, FriendshipState.NONE, now))
                .replaceWithVoid());
    }

    /** The relationship, with both users locked until the transaction ends; 404 if either does not exist. */
    private Uni<PairRelationship> lockedRelationship(UUID me, UUID other) {
        return users.lockPair(me, other).flatMap(locked -> {
            // A deleted account keeps its row (its messages name it) but has no relationships to start.
            if (locked.size() < 2 || locked.stream().anyMatch(UserAccount::isDeleted)) {
                throw ProblemException.notFound("No such user.");
            }
            return relationships.between(me, other);
        });
    }

    /**
     * Within the caller's transaction, with the user's row locked (so no change between them and anyone can run
     * meanwhile): ends every friendship, request and block the user is part of, in either direction, and publishes
     * each end as the matching user.events record, so presence and chat-service forget them too.
     */
    Uni<Void> removeAllOf(UUID me, Instant now) {
        // Rows are removed one by one as entities (a handful per user), one statement at a time on the session.
        return friendships.list("userId = ?1 or friendId = ?1", me)
                .flatMap(found -> each(found, f -> f.userId.equals(me)
                        ? events.publish(new FriendshipChanged(me, f.friendId, FriendshipState.NONE, now))
                                .flatMap(published -> friendships.delete(f))
                        : friendships.delete(f)))
                .flatMap(done -> requests.list("requesterId = ?1 or addresseeId = ?1", me))
                .flatMap(found -> each(found, r -> events.publish(new FriendshipChanged(me,
                                r.requesterId.equals(me) ? r.addresseeId : r.requesterId, FriendshipState.NONE, now))
                        .flatMap(published -> requests.delete(r))))
                .flatMap(done -> blocks.list("blockerId = ?1 or blockedId = ?1", me))
                .flatMap(found -> each(found, b -> events
                        .publish(new BlockChanged(b.blockerId, b.blockedId, false, now))
                        .flatMap(published -> blocks.delete(b))));
    }

    private static <T> Uni<Void> each(List<T> rows, Function<T, Uni<Void>> work) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T row : rows) {
            chain = chain.flatMap(done -> work.apply(row));
        }
        return chain;
    }

    private Uni<FriendshipStatus> befriend(UUID me, UUID other, Instant now) {
        return friendships.befriend(me, other, now).flatMap(saved -> changed(me, other, FriendshipState.FRIENDS, now));
    }

    private Uni<FriendshipStatus> changed(UUID me, UUID other, FriendshipState state, Instant now) {
        return events.publish(new FriendshipChanged(me, other, state, now))
                .replaceWith(new FriendshipStatus(other, state));
    }

    private static void requirePending(boolean existed) {
        if (!existed) {
            throw ProblemException.notFound("There is no such pending friend request.");
        }
    }

    private static void notSelf(UUID me, UUID other) {
        if (me.equals(other)) {
            throw ProblemException.invalidField("userId", "must be another user than yourself");
        }
    }

    /** The other users of the rows, in the rows' order, each with the time the relation began. */
    private <T> Uni<List<Relation>> relations(List<T> rows, Function<T, UUID> otherUser, Function<T, Instant> since) {
        return users.findByIds(rows.stream().map(otherUser).toList()).map(found -> {
            Map<UUID, UserAccount> byId = found.stream().collect(Collectors.toMap(u -> u.id, Function.identity()));
            return rows.stream()
                    .map(row -> new Relation(UserMapper.toView(byId.get(otherUser.apply(row))), since.apply(row)))
                    .toList();
        });
    }
}
