package io.chatsuite.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An HTTP error as RFC 9457 problem details ({@code application/problem+json}). {@code errors} names each field at
 * fault, so a client can show the message beside the right input.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One input that was refused, by its name in the request (a JSON property, query or path parameter). */
    public record FieldViolation(String field, String message) {
    }
}
