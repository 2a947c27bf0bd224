package io.chatsuite.auth.rest;

import io.chatsuite.problem.ProblemException;
import io.chatsuite.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A missing, malformed, expired or wrongly signed access token answers 401 in the suite's one error format. This
 * works because authentication is not proactive: it happens in the REST layer, where exception mappers apply.
 */
public class AuthenticationProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(UriInfo uri) {
        Response problem = problems.problem(
                ProblemException.unauthorized("A valid access token is required."), uri);
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
