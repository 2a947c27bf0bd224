package io.chatsuite.presence.rest;

import io.chatsuite.kit.CurrentUser;
import io.chatsuite.presence.api.UserPresence;
import io.chatsuite.presence.repository.PresenceStore;
import io.chatsuite.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Presence of users the caller may see: themselves, friends, and people sharing a conversation. */
@Path("/api/presence")
@Authenticated
@Tag(name = "presence", description = "Online, away, offline and last seen")
@APIResponse(responseCode = "401", description = "No valid access token")
public class PresenceResource {

    static final int MAX_IDS = 200;

    private final PresenceStore store;
    private final CurrentUser caller;

    public PresenceResource(PresenceStore store, CurrentUser caller) {
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The presence of the listed users the caller may see; the others are left out")
    @APIResponse(responseCode = "200", description = "One entry per visible user, in the order asked")
    @APIResponse(responseCode = "400", description = "ids is missing, not UUIDs, or lists more than 200")
    public Uni<List<UserPresence>> presence(@QueryParam("ids") String ids) {
        return store.visibleTo(caller.id(), parse(ids));
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "One user's presence and last seen")
    @APIResponse(responseCode = "200", description = "The user's status and last seen")
    @APIResponse(responseCode = "404", description = "No such user, or one the caller may not see")
    public Uni<UserPresence> presenceOf(@PathParam("userId") UUID userId) {
        return store.visibleTo(caller.id(), List.of(userId)).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("No such user.");
            }
            return found.get(0);
        });
    }

    private static List<UUID> parse(String ids) {
        if (ids == null || ids.isBlank()) {
            throw ProblemException.invalidField("ids", "required: user ids separated by commas");
        }
        Set<UUID> parsed = new LinkedHashSet<>();
        for (String id : ids.split(",")) {
            try {
                parsed.add(UUID.fromString(id.trim()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("ids", "'" + id.trim() + "' is not a user id");
            }
        }
        if (parsed.size() > MAX_IDS) {
            throw ProblemException.invalidField("ids", "at most " + MAX_IDS + " ids");
        }
        return new ArrayList<>(parsed);
    }
}
