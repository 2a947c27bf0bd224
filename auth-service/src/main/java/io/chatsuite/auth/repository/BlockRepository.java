package io.chatsuite.auth.repository;

import io.chatsuite.auth.model.Block;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BlockRepository implements PanacheRepositoryBase<Block, Block.Key> {

    /** Lifts the block; false if there was none. */
    public Uni<Boolean> deleteBlock(UUID blockerId, UUID blockedId) {
        return deleteById(new Block.Key(blockerId, blockedId));
    }

    public Uni<List<Block>> blockedBy(UUID blockerId) {
        return list("blockerId = ?1 order by createdAt desc", blockerId);
    }
}
