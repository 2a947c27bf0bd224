package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.UserAccount;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserAccount, UUID> {

    /** The account whose username equals this one ignoring case, or null. */
    public Uni<UserAccount> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(Locale.ROOT)).firstResult();
    }

    /** Both accounts (fewer if one does not exist), locked in id order so that changes to one pair take turns. */
    public Uni<List<UserAccount>> lockPair(UUID one, UUID other) {
        return find("id in ?1 order by id", List.of(one, other))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Uni<List<UserAccount>> findByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /** Accounts not deleted whose username or display name starts with the prefix, ignoring case, by username. */
    public Uni<List<UserAccount>> searchByPrefix(String prefix, int offset, int limit) {
        String pattern = prefix.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                + "%";
        return find("deletedAt is null and (lower(username) like ?1 escape '\\'"
                + " or lower(displayName) like ?1 escape '\\') order by lower(username)", pattern)
                .range(offset, offset + limit - 1)
                .list();
    }
}
