package io.chatsuite.auth.service;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;

/** One RS256 key pair; {@link #id()} is its JWK thumbprint (RFC 7638), the {@code kid} of what it signs. */
public record SigningKey(String id, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
}
