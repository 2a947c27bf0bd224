package io.chatsuite.gateway.endpoint;

import io.chatsuite.gateway.session.VerifiedToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens this node verified lately, so that the same token presented again (a page reload, a device's quick
 * reconnect, the several sockets of one signed-in client) is not parsed and its RS256 signature checked again: that
 * verification was the largest single cost of an upgrade in the profile of an upgrade burst. Keyed by a SHA-256 of
 * the whole token (the exact bytes verified before, never a part of them), so an entry costs about 200 bytes and the
 * cache is bounded: when full it is emptied and refilled. An entry is used only until the token's expiry; revocation
 * is checked at every upgrade by the caller, cached or not.
 */
final class VerifiedTokens {

    private static final int CAPACITY = 4096;

    private final Map<String, VerifiedToken> byDigest = new ConcurrentHashMap<>();

    /** The earlier verification of this exact token, if it has not expired; null otherwise. */
    VerifiedToken find(String rawToken, long nowMillis) {
        VerifiedToken token = byDigest.get(digest(rawToken));
        return token == null || nowMillis >= token.expiresAtMillis() ? null : token;
    }

    void remember(String rawToken, VerifiedToken token) {
        if (byDigest.size() >= CAPACITY) {
            byDigest.clear();
        }
        byDigest.put(digest(rawToken), token);
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
