package io.chatsuite.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A missing, malformed, expired or wrongly signed access token answers 401 in the suite's one error format. This
 * works only where authentication is not proactive ({@code quarkus.http.auth.proactive=false}, set by every
 * service): then it happens in the REST layer, where exception mappers apply, instead of answering an empty 401.
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
