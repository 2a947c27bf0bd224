package io.chatsuite.history.rest;

import io.chatsuite.problem.ProblemException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user is the token's subject, never a value from the request. */
final class Caller {

    private Caller() {
    }

    static UUID id(JsonWebToken token) {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.unauthorized("The token names no user.");
        }
    }
}
