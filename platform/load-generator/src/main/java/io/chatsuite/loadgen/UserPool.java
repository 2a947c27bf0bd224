package io.chatsuite.loadgen;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bench's accounts, registered through the public API and kept in the suite's data directory
 * ({@code bench/users.tsv}) so that later runs against the same suite reuse them: registering hashes a password
 * with Argon2id (deliberately slow), a token refresh does not.
 */
final class UserPool {

    /** Argon2id runs on a worker pool sized to auth-service's cores; more in flight only queues. */
    private static final int REGISTRATION_CONCURRENCY = 4;
    private static final int REFRESH_CONCURRENCY = 16;

    record BenchUser(String id, String username, String password, String refreshToken, String accessToken) {
    }

    private final Path file;
    private final SuiteHttp http;
    private final List<BenchUser> users = new ArrayList<>();
    private Preparation lastPreparation = new Preparation(0, 0, 0);

    UserPool(Path dataDirectory, SuiteHttp http) throws IOException {
        this.file = dataDirectory.resolve("bench").resolve("users.tsv");
        this.http = http;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.split("\t");
                if (f.length == 4) {
                    users.add(new BenchUser(f[0], f[1], f[2], f[3], null));
                }
            }
        }
    }

    /** Counts of what {@link #signIn} did, for the report. */
    record Preparation(int reused, int registered, double seconds) {
    }

    /**
     * The first {@code count} pool users, each with a fresh access token: known ones refreshed (or logged in again
     * if their refresh token no longer works), missing ones registered.
     */
    synchronized List<BenchUser> signIn(int count) throws IOException {
        long begin = System.nanoTime();
        int known = Math.min(count, users.size());
        List<BenchUser> refreshed = Bulk.run(known, REFRESH_CONCURRENCY, i -> refresh(users.get(i)));
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<BenchUser> registered = Bulk.run(count - known, REGISTRATION_CONCURRENCY, i -> register(run, known + i));
        for (int i = 0; i < known; i++) {
            users.set(i, refreshed.get(i));
        }
        users.addAll(registered);
        save();
        lastPreparation = new Preparation(known, count - known, Math.round((System.nanoTime() - begin) / 1e7) / 100.0);
        return List.copyOf(users.subList(0, count));
    }

    Preparation lastPreparation() {
        return lastPreparation;
    }

    private Future<BenchUser> register(String run, int index) {
        String username = "bench" + run + "n" + index;
        String password = "Bench-" + UUID.randomUUID();
        return http.expect(HttpMethod.POST, "/api/auth/register", null,
                        Map.of("username", username, "password", password), 201)
                .map(body -> new BenchUser(body.path("user").path("id").asText(), username, password,
                        body.path("refreshToken").asText(), body.path("accessToken").asText()));
    }

    private Future<BenchUser> refresh(BenchUser user) {
        return http.call(HttpMethod.POST, "/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken()))
                .compose(answer -> answer.status() == 200 ? Future.succeededFuture(answer.body())
                        : http.expect(HttpMethod.POST, "/api/auth/login", null,
                                Map.of("username", user.username(), "password", user.password()), 200))
                .map(body -> new BenchUser(user.id(), user.username(), user.password(),
                        body.path("refreshToken").asText(), body.path("accessToken").asText()));
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder out = new StringBuilder();
        for (BenchUser user : users) {
            out.append(user.id()).append('\t').append(user.username()).append('\t').append(user.password())
                    .append('\t').append(user.refreshToken()).append('\n');
        }
        Path temporary = file.resolveSibling("users.tsv.tmp");
        Files.writeString(temporary, out);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Small facts the scenarios remember beside the users (a room's id), as {@code bench/NAME}. */
    String remembered(String name) throws IOException {
        Path path = file.resolveSibling(name);
        return Files.exists(path) ? Files.readString(path).trim() : null;
    }

    void remember(String name, String value) throws IOException {
        Files.writeString(file.resolveSibling(name), value);
    }
}
