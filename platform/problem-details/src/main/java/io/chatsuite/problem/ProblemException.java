package io.chatsuite.problem;

import io.chatsuite.problem.Problem.FieldViolation;
import java.time.Duration;
import java.util.List;

/**
 * Thrown by services to answer with a problem. One exception for every refusal keeps the error format in one place;
 * the factories say which status means what.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldViolation> errors;
    private final Duration retryAfter;

    public ProblemException(int status, String title, String detail, List<FieldViolation> errors,
                            Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 400: the request is malformed or a field's value is refused. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Invalid request", field + ": " + message,
                List.of(new FieldViolation(field, message)), null);
    }

    /** 401: no valid credentials. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), null);
    }

    /** 403: authenticated, but not allowed to do this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of(), null);
    }

    /** 404: no such thing, or none the caller may know of. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of(), null);
    }

    /** 409: the request conflicts with the current state, for example a name already taken. */
    public static ProblemException conflict(String field, String message) {
        return new ProblemException(409, "Conflict", message,
                field == null ? List.of() : List.of(new FieldViolation(field, message)), null);
    }

    /** 413: the request body is over a size limit or quota. */
    public static ProblemException tooLarge(String field, String message) {
        return new ProblemException(413, "Content too large", field + ": " + message,
                List.of(new FieldViolation(field, message)), null);
    }

    /** 415: the content is of a type that is not accepted. */
    public static ProblemException unsupportedType(String field, String message) {
        return new ProblemException(415, "Unsupported media type", field + ": " + message,
                List.of(new FieldViolation(field, message)), null);
    }

    /** 429: too many attempts; the client may retry after the given time. */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, "Too many requests", detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    /** Seconds for a Retry-After header, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
