package io.chatsuite.gateway.session;

import java.util.UUID;

/**
 * What a socket keeps of the token that opened it, and nothing more: the token itself, its claims, the request's
 * headers and the security identity are dropped once the upgrade is verified.
 */
public record VerifiedToken(UUID userId, UUID sessionId, long expiresAtMillis) {
}
