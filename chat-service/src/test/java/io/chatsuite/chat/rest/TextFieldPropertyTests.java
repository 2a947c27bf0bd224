package io.chatsuite.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.devstack.testing.HostileText;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: arbitrary Unicode (U+0000, lone surrogates, controls) at every text field chat-service stores, through
 * the real PostgreSQL: the answer is 2xx with the text stored unchanged, or a 400 problem naming the field, never a
 * 500. JSON bodies carry every non-ASCII character as a \\u escape, so lone surrogates reach the service as such.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class TextFieldPropertyTests {

    private static final int TRIES = 40;

    @Inject
    ChatTestSupport chat;

    TestUser alice;

    @BeforeEach
    void aUser() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        alice = chat.newUser("alice" + suffix);
        chat.awaitKnown(chat.newUser("bob" + suffix), alice);
    }

    @Test
    void roomNamesAndTopicsAreStoredUnchangedOrRefusedNamingTheField() {
        for (String text : HostileText.samples(120, TRIES)) {
            String name = "R " + text;
            Response created = given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                    .body("{\"name\":" + HostileText.asJsonString(name) + ",\"topic\":"
                            + HostileText.asJsonString(text) + ",\"isPublic\":true}")
                    .post("/api/rooms");
            boolean storable = StorableText.isStorable(name, StorableText.Kind.LINE)
                    && StorableText.isStorable(text, StorableText.Kind.LINE);
            if (created.statusCode() == 200) {
                assertThat(storable).as("accepted %s", visible(text)).isTrue();
                String id = created.path("conversation.id");
                Response stored = given().auth().oauth2(alice.token()).get("/api/conversations/" + id);
                assertThat((String) stored.path("conversation.name")).as(visible(text)).isEqualTo(name.trim());
                assertThat((String) stored.path("conversation.topic")).as(visible(text)).isEqualTo(text);
            } else {
                assertRefusedNaming(created, text, Set.of("name", "topic"));
                if (name.length() <= 100 && text.length() <= 500) {
                    assertThat(storable).as("refused %s", visible(text)).isFalse();
                }
            }
        }
    }

    @Test
    void renamesAndTopicChangesAreStoredUnchangedOrRefusedNamingTheField() {
        String room = given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body("{\"name\":\"Patched\",\"isPublic\":false}").post("/api/rooms").then().statusCode(200)
                .extract().path("conversation.id");
        for (String text : HostileText.samples(120, TRIES)) {
            String name = "R " + text;
            Response patched = given().auth().oauth2(alice.token()).contentType("application/merge-patch+json")
                    .body("{\"name\":" + HostileText.asJsonString(name) + ",\"topic\":"
                            + HostileText.asJsonString(text) + "}")
                    .patch("/api/rooms/" + room);
            boolean storable = StorableText.isStorable(name, StorableText.Kind.LINE)
                    && StorableText.isStorable(text, StorableText.Kind.LINE);
            if (patched.statusCode() == 200) {
                assertThat(storable).as("accepted %s", visible(text)).isTrue();
                assertThat((String) patched.path("conversation.name")).as(visible(text)).isEqualTo(name.trim());
                assertThat((String) patched.path("conversation.topic")).as(visible(text)).isEqualTo(text);
            } else {
                assertRefusedNaming(patched, text, Set.of("name", "topic"));
                if (!name.isBlank() && name.trim().length() <= 100 && text.length() <= 500) {
                    assertThat(storable).as("refused %s", visible(text)).isFalse();
                }
            }
        }
    }

    @Test
    void roomSearchQueriesAnswerOrAreRefusedNamingQ() {
        for (String text : HostileText.samples(100, TRIES)) {
            Response found = given().auth().oauth2(alice.token()).queryParam("q", text).get("/api/rooms");
            if (found.statusCode() != 200) {
                assertRefusedNaming(found, text, Set.of("q"));
            }
        }
    }

    @Test
    void uploadFileNamesAreStoredAsStorableText() {
        for (String text : HostileText.samples(120, TRIES)) {
            Response uploaded = given().auth().oauth2(alice.token()).contentType("application/octet-stream")
                    .queryParam("name", text + ".txt").body("hello".getBytes(StandardCharsets.UTF_8))
                    .post("/api/attachments");
            assertThat(uploaded.statusCode()).as(visible(text)).isEqualTo(201);
            String stored = uploaded.path("name");
            assertThat(StorableText.isStorable(stored, StorableText.Kind.LINE)).as(visible(stored)).isTrue();
        }
    }

    private static void assertRefusedNaming(Response response, String text, Set<String> fields) {
        assertThat(response.statusCode()).as("status for %s", visible(text)).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> named = response.path("errors.field");
        assertThat(named).as(visible(text)).isNotEmpty().allSatisfy(field -> assertThat(fields).contains(field));
    }

    private static String visible(String text) {
        return HostileText.asJsonString(text);
    }
}
