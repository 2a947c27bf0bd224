package io.chatsuite.chat.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A user who has just registered exists for chat-service before their user.events record arrives: here that record
 * never arrives at all, and only auth-service (a stand-in) knows them.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
@WithTestResource(AuthServiceStub.class)
class NewUserLookupTests {

    @Inject
    ChatTestSupport chat;

    @ConfigProperty(name = AuthServiceStub.URL_PROPERTY)
    String authService;

    @Test
    void aUserOnlyAuthServiceKnowsYetCanBeTalkedToAndAddedAtOnce() throws Exception {
        TestUser asker = chat.newUser("asker" + suffix());
        TestUser newcomer = registeredInAuthServiceOnly("newcomer" + suffix());
        TestUser another = registeredInAuthServiceOnly("another" + suffix());

        given().auth().oauth2(asker.token()).contentType(ContentType.JSON).body(Map.of("userId", newcomer.id()))
                .post("/api/conversations/direct").then().statusCode(200)
                .body("members.userId", hasItem(newcomer.id().toString()))
                .body("members.find { it.userId == '" + newcomer.id() + "' }.displayName",
                        equalTo(newcomer.name() + " display"));

        String room = given().auth().oauth2(asker.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Welcome " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id");
        given().auth().oauth2(asker.token()).contentType(ContentType.JSON).body(Map.of("userId", another.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(200)
                .body("members.userId", hasItem(another.id().toString()));
    }

    @Test
    void aUserNobodyKnowsIsStillNoSuchUser() {
        TestUser asker = chat.newUser("asker" + suffix());

        given().auth().oauth2(asker.token()).contentType(ContentType.JSON).body(Map.of("userId", UUID.randomUUID()))
                .post("/api/conversations/direct").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no such user"));
        // A group direct message names which of its users does not exist.
        TestUser known = chat.newUser("known" + suffix());
        chat.awaitKnown(asker, known);
        given().auth().oauth2(asker.token()).contentType(ContentType.JSON)
                .body(Map.of("userIds", List.of(known.id(), UUID.randomUUID())))
                .post("/api/conversations/group-direct").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("userIds[1]"));
    }

    @Test
    void aUserAuthServiceCannotAnswerForIsUnavailableForNowNotAnError() throws Exception {
        TestUser asker = chat.newUser("asker" + suffix());
        UUID unanswered = UUID.randomUUID();
        HttpResponse<Void> failing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(authService + "/test/failing"))
                .POST(HttpRequest.BodyPublishers.ofString(unanswered.toString())).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(failing.statusCode()).isEqualTo(204);

        // Neither auth-service nor user.events can say: a 404 could be false, so it is a 503 to retry.
        given().auth().oauth2(asker.token()).contentType(ContentType.JSON).body(Map.of("userId", unanswered))
                .post("/api/conversations/direct").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue());
    }

    private TestUser registeredInAuthServiceOnly(String name) throws Exception {
        UUID id = UUID.randomUUID();
        HttpResponse<Void> registered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(authService + "/test/users"))
                .POST(HttpRequest.BodyPublishers.ofString(id + " " + name + " " + name + " display")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(registered.statusCode()).isEqualTo(204);
        return chat.device(id, name);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
