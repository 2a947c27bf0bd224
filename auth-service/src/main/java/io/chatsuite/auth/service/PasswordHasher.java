package io.chatsuite.auth.service;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}). The parameters travel
 * with each hash, so raising them later leaves existing hashes verifiable.
 *
 * <p>Hashing is deliberately slow CPU work: it runs on a worker pool sized to the cores, never on the event loop, and
 * the pool's size also bounds the memory hashes take at once.
 */
@Startup
@ApplicationScoped
public class PasswordHasher {

    // OWASP's Argon2id recommendation: 19 MiB of memory, 2 iterations, 1 degree of parallelism.
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final WorkerExecutor workers;
    /** Verified against when the user does not exist, so that answer takes as long as a wrong password. */
    private final String dummyHash;

    public PasswordHasher(Vertx vertx) {
        this.workers = vertx.createSharedWorkerExecutor("password-hashing",
                Runtime.getRuntime().availableProcessors());
        this.dummyHash = hashNow("not the password of anyone");
    }

    @PreDestroy
    void close() {
        workers.closeAndForget();
    }

    public Uni<String> hash(String password) {
        return workers.executeBlocking(Uni.createFrom().item(() -> hashNow(password)), false);
    }

    /** Whether the password matches the hash; with a null hash (no such user) it does the same work and says no. */
    public Uni<Boolean> verify(String password, String hashOrNull) {
        return workers.executeBlocking(Uni.createFrom().item(
                () -> matches(password, hashOrNull == null ? dummyHash : hashOrNull) && hashOrNull != null), false);
    }

    private String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s".formatted(MEMORY_KIB, ITERATIONS, PARALLELISM,
                b64.encodeToString(salt), b64.encodeToString(hash));
    }

    private static boolean matches(String password, String phc) {
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            throw new IllegalStateException("not an Argon2id v19 hash");
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String parameter : parts[3].split(",")) {
            int value = Integer.parseInt(parameter.substring(2));
            switch (parameter.charAt(0)) {
                case 'm' -> memory = value;
                case 't' -> iterations = value;
                case 'p' -> parallelism = value;
                default -> throw new IllegalStateException("unknown Argon2 parameter " + parameter);
            }
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        byte[] actual = argon2(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
