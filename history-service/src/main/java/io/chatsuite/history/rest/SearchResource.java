package io.chatsuite.history.rest;

import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.history.api.SearchPage;
import io.chatsuite.history.config.HistoryConfig;
import io.chatsuite.history.service.SearchService;
import io.chatsuite.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Full-text search over the messages of the caller's current conversations. */
@Path("/api/history/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private static final int MAX_QUERY_LENGTH = 200;

    private final SearchService search;
    private final HistoryConfig.Pages pages;
    private final JsonWebToken token;

    public SearchResource(SearchService search, HistoryConfig config, JsonWebToken token) {
        this.search = search;
        this.pages = config.pages();
        this.token = token;
    }

    /** Newest matches first, each with a snippet and the ranges to highlight in it. */
    @GET
    public Uni<SearchPage> search(@QueryParam("q") String q, @QueryParam("page") String page,
                                  @QueryParam("size") String size) {
        if (q == null || q.isBlank() || q.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.invalidField("q", "must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        StorableText.refusal(q, StorableText.Kind.LINE).ifPresent(reason -> {
            throw ProblemException.invalidField("q", reason);
        });
        return search.search(Caller.id(token), q, QueryParameters.page("page", page),
                QueryParameters.size("size", size, pages));
    }
}
