package io.chatsuite.auth;

import static org.hamcrest.Matchers.equalTo;

import io.chatsuite.problem.Problem;
import io.restassured.response.ValidatableResponse;

public final class Problems {

    private Problems() {
    }

    /** The response is a problem-details document with this status. */
    public static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(Problem.MEDIA_TYPE).body("status", equalTo(status));
    }
}
