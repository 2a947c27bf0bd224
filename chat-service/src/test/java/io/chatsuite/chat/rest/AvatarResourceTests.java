package io.chatsuite.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.chat.service.AttachmentService;
import io.chatsuite.chat.storage.ObjectStore;
import io.chatsuite.contracts.user.ProfileUpdated;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profile pictures: uploaded like attachments, readable by every signed-in user, kept while they are in use. */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class AvatarResourceTests {

    @Inject
    ChatTestSupport chat;

    @Inject
    ObjectStore store;

    @Inject
    Pool pool;

    TestUser alice;
    TestUser stranger;

    @BeforeEach
    void twoUsersWhoShareNoConversation() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        alice = chat.newUser("alice" + suffix);
        stranger = chat.newUser("stranger" + suffix);
    }

    @Test
    void anAvatarIsServedToAnySignedInUserWithTheAttachmentRules() throws Exception {
        UUID avatar = uploadId(alice, png(64, 64));

        Response download = given().auth().oauth2(stranger.token()).get("/api/avatars/" + avatar);
        download.then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-cache")
                .header("Content-Security-Policy", "default-src 'none'; sandbox");
        assertThat(download.contentType()).startsWith("image/");
        assertThat(download.asByteArray()).isNotEmpty();
        given().auth().oauth2(stranger.token()).header("If-None-Match", download.header("ETag"))
                .get("/api/avatars/" + avatar).then().statusCode(304);
        given().get("/api/avatars/" + avatar).then().statusCode(401);
    }

    @Test
    void anOrdinaryAttachmentIsNotAnAvatarNorAnAvatarAnAttachmentToPost() throws Exception {
        UUID attachment = UUID.fromString(given().auth().oauth2(alice.token()).contentType("image/png")
                .queryParam("name", "private.png").body(png(32, 32)).post("/api/attachments")
                .then().statusCode(201).extract().path("id"));

        given().auth().oauth2(stranger.token()).get("/api/avatars/" + attachment).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger.token()).get("/api/avatars/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void refusesWhatIsNotAnImageAndWhatIsTooLargeNamingTheBody() throws Exception {
        byte[] pdf = "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1);
        upload(alice, pdf, "image/png").then().statusCode(415).contentType("application/problem+json")
                .body("errors[0].field", is("body"));
        byte[] text = "just some words\n".getBytes(StandardCharsets.UTF_8);
        upload(alice, text, "image/png").then().statusCode(415).body("errors[0].field", is("body"));
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        upload(alice, svg, "image/svg+xml").then().statusCode(415);

        // The test profile allows 256 KiB for a picture (1 MiB for an attachment).
        byte[] large = noise(400, 400);
        assertThat(large.length).isGreaterThan(262_144).isLessThan(1_048_576);
        upload(alice, large, "image/png").then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", is("body"));
    }

    @Test
    void theCurrentAvatarOutlivesTheUnpostedLifetimeAndAReplacedOneIsRemoved() throws Exception {
        UUID first = uploadId(alice, png(64, 64));
        UUID second = uploadId(alice, png(48, 48));
        // Alice chose the first, then replaced it with the second (auth-service announces each profile).
        chat.publish(new ProfileUpdated(alice.id(), alice.name(), alice.name() + " display", first, Instant.now()));
        chat.publish(new ProfileUpdated(alice.id(), alice.name(), alice.name() + " display", second, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> second.equals(currentAvatar(alice)));

        // Both far older than an unposted upload may live: only the replaced one may go.
        pool.withConnection(c -> c.preparedQuery("UPDATE attachments SET uploaded_at = now() - interval '3 days'"
                + " WHERE id = ANY($1)").execute(Tuple.of(new UUID[] {first, second}))).await().indefinitely();

        await().atMost(Duration.ofSeconds(30)).until(() -> !store.exists(AttachmentService.objectKey(first)));
        given().auth().oauth2(stranger.token()).get("/api/avatars/" + first).then().statusCode(404);
        given().auth().oauth2(stranger.token()).get("/api/avatars/" + second).then().statusCode(200);
        assertThat(store.exists(AttachmentService.objectKey(second))).isTrue();

        // Removing the picture (back to initials) lets the janitor take the last one too.
        chat.publish(new ProfileUpdated(alice.id(), alice.name(), alice.name() + " display", null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.exists(AttachmentService.objectKey(second)));
    }

    @Test
    void membersCarryTheirAvatar() throws Exception {
        UUID avatar = uploadId(alice, png(40, 40));
        chat.publish(new ProfileUpdated(alice.id(), alice.name(), alice.name() + " display", avatar, Instant.now()));
        chat.awaitKnown(alice, stranger);
        String room = given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Faces", "isPublic", false)).post("/api/rooms")
                .then().statusCode(200).extract().path("conversation.id");

        await().atMost(Duration.ofSeconds(30)).until(() -> avatar.toString().equals(given().auth()
                .oauth2(alice.token()).get("/api/conversations/" + room).then().statusCode(200)
                .extract().path("members[0].avatarId")));
    }

    private UUID currentAvatar(TestUser user) {
        return pool.withConnection(c -> c.preparedQuery("SELECT avatar_id FROM known_users WHERE user_id = $1")
                        .execute(Tuple.of(user.id())))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("avatar_id") : null)
                .await().indefinitely();
    }

    private Response upload(TestUser user, byte[] bytes, String contentType) {
        return given().auth().oauth2(user.token()).contentType(contentType).body(bytes).post("/api/avatars");
    }

    private UUID uploadId(TestUser user, byte[] bytes) {
        return UUID.fromString(upload(user, bytes, "application/octet-stream").then().statusCode(201)
                .extract().path("id"));
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.PINK);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return encode(image);
    }

    /** A PNG that does not compress: random pixels. */
    private static byte[] noise(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return encode(image);
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
