package io.chatsuite.kit.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a process learnt from bearer tokens it verified lately, so that a token presented again (a client's next REST
 * call, its reconnect, its other sockets: all carry the same token until it is refreshed) is not parsed and its RS256
 * signature checked again. Keyed by a SHA-256 of the whole token (the exact bytes verified before, never a part of
 * them); an entry is used only until its token's expiry. Bounded: when full it is emptied and refilled. Revocation is
 * not cached: callers check it on every use.
 */
public final class VerifiedTokenCache<T> {

    private record Entry<T>(T value, long expiresAtMillis) {
    }

    private final int capacity;
    private final Map<String, Entry<T>> byDigest = new ConcurrentHashMap<>();

    public VerifiedTokenCache(int capacity) {
        this.capacity = capacity;
    }

    /** What the earlier verification of this exact token gave, if the token has not expired; null otherwise. */
    public T find(String rawToken, long nowMillis) {
        Entry<T> entry = byDigest.get(digest(rawToken));
        return entry == null || nowMillis >= entry.expiresAtMillis() ? null : entry.value();
    }

    public void remember(String rawToken, T value, long expiresAtMillis) {
        if (byDigest.size() >= capacity) {
            byDigest.clear();
        }
        byDigest.put(digest(rawToken), new Entry<>(value, expiresAtMillis));
    }

    private static String digest(String rawToken) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
