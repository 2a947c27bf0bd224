package io.chatsuite.history.rest;

import io.chatsuite.contracts.notification.ConversationNotifications;
import io.chatsuite.history.api.NotificationSettingsRequest;
import io.chatsuite.history.service.NotificationSettingsService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's notification settings for one conversation: mode and mute, the same on all their devices. */
@Path("/api/history/conversations/{conversationId}/notifications")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid access token")
public class ConversationNotificationsResource {

    private final NotificationSettingsService settings;
    private final JsonWebToken token;

    public ConversationNotificationsResource(NotificationSettingsService settings, JsonWebToken token) {
        this.settings = settings;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's settings for the conversation, as they stand now")
    @APIResponse(responseCode = "200", description = "mode, muted and mutedUntil (a mute that ran out reads false)")
    @APIResponse(responseCode = "404", description = "Not a member, or no such conversation")
    public Uni<ConversationNotifications> get(@PathParam("conversationId") UUID conversationId) {
        return settings.forConversation(Caller.id(token), conversationId);
    }

    @PUT
    @Operation(summary = "Replace the caller's settings for the conversation",
            description = "mode: all (default) or mentions; muted (default: whether mutedUntil is given), for ever"
                    + " or until mutedUntil. Pushed at once to every socket of the caller as a notifications frame.")
    @APIResponse(responseCode = "200", description = "The settings stored")
    @APIResponse(responseCode = "400", description = "An unknown mode, or a mutedUntil in the past or without muted")
    @APIResponse(responseCode = "404", description = "Not a member, or no such conversation")
    public Uni<ConversationNotifications> put(@PathParam("conversationId") UUID conversationId,
                                              @NotNull NotificationSettingsRequest request) {
        return settings.setForConversation(Caller.id(token), conversationId, request);
    }
}
