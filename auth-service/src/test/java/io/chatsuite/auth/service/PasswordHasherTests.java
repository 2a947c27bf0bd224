package io.chatsuite.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PasswordHasherTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Vertx vertx;
    private static PasswordHasher hasher;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        hasher = new PasswordHasher(vertx);
    }

    @AfterAll
    static void stop() {
        hasher.close();
        vertx.closeAndAwait();
    }

    @Test
    void hashesWithArgon2idAtOwaspsCost() {
        String hash = hasher.hash("correct horse").await().atMost(WAIT);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void verifiesOnlyTheSamePassword() {
        String hash = hasher.hash("correct horse").await().atMost(WAIT);

        assertThat(hasher.verify("correct horse", hash).await().atMost(WAIT)).isTrue();
        assertThat(hasher.verify("correct horsE", hash).await().atMost(WAIT)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same").await().atMost(WAIT)).isNotEqualTo(hasher.hash("same").await().atMost(WAIT));
    }

    @Test
    void verifiesHashesMadeWithOtherParameters() {
        // Made by the reference implementation (Debian's argon2 tool) at another cost: the parameters travel with
        // the hash, so hashes stay verifiable when the service's own parameters change.
        String cheaper = "$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$"
                + "BvuA7SfebsIC3f4gSy7/Ei1s6+hsEfaOuCZMbl/y/Sg";

        assertThat(hasher.verify("password", cheaper).await().atMost(WAIT)).isTrue();
    }

    @Test
    void saysNoForAnAccountThatDoesNotExist() {
        assertThat(hasher.verify("anything", null).await().atMost(WAIT)).isFalse();
    }

    @Test
    void leavesTheEventLoopFreeWhileHashing() {
        List<String> order = new CopyOnWriteArrayList<>();
        Context context = vertx.getOrCreateContext();

        context.runOnContext(() -> {
            hasher.hash("x").subscribe().with(hash -> order.add("hashed"));
            context.runOnContext(() -> order.add("event loop ran other work"));
        });

        await().atMost(WAIT).until(() -> order.size() == 2);
        assertThat(order).containsExactly("event loop ran other work", "hashed");
    }
}
