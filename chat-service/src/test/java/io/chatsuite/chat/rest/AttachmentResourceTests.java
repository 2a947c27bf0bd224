package io.chatsuite.chat.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.chat.ChatTestSupport;
import io.chatsuite.chat.ChatTestSupport.Frames;
import io.chatsuite.chat.ChatTestSupport.TestUser;
import io.chatsuite.chat.repository.AttachmentRepository;
import io.chatsuite.chat.service.AttachmentService;
import io.chatsuite.chat.storage.ObjectStore;
import io.chatsuite.contracts.chat.DeleteMessage;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.contracts.chat.SendMessage;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upload, attach, serve and delete attachments against real PostgreSQL, Kafka, Redis and S3 (S3Proxy). */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class AttachmentResourceTests {

    /** A 1x1 lossy WebP, the smallest the format allows. */
    private static final String TINY_WEBP = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA";

    @Inject
    ChatTestSupport chat;

    @Inject
    ObjectStore store;

    @Inject
    Pool pool;

    @Inject
    AttachmentRepository attachments;

    TestUser alice;
    TestUser bob;
    TestUser mallory;
    UUID room;

    @BeforeEach
    void aRoomOfAliceAndBob() {
        alice = chat.newUser("alice" + suffix());
        bob = chat.newUser("bob" + suffix());
        mallory = chat.newUser("mallory" + suffix());
        chat.awaitKnown(alice, bob, mallory);
        room = UUID.fromString(given().auth().oauth2(alice.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "Files " + suffix(), "isPublic", false))
                .post("/api/rooms").then().statusCode(200).extract().path("conversation.id"));
        given().auth().oauth2(alice.token()).contentType(ContentType.JSON).body(Map.of("userId", bob.id()))
                .post("/api/rooms/" + room + "/members").then().statusCode(200);
    }

    @Test
    void aMemberDownloadsAPostedImageAndItsThumbnailAndTheEventCarriesItsMetadata() throws Exception {
        byte[] photo = png(800, 600);
        Response uploaded = upload(alice, "cat.png", photo, "application/octet-stream");
        uploaded.then().statusCode(201).header("Location", "/api/attachments/" + uploaded.path("id"));
        UUID id = UUID.fromString(uploaded.path("id"));
        assertThat((String) uploaded.path("name")).isEqualTo("cat.png");
        assertThat((String) uploaded.path("contentType")).isEqualTo("image/png");
        assertThat(((Number) uploaded.path("size")).longValue()).isEqualTo(photo.length);
        assertThat((Integer) uploaded.path("width")).isEqualTo(800);
        assertThat((Integer) uploaded.path("height")).isEqualTo(600);
        assertThat((Boolean) uploaded.path("hasThumbnail")).isTrue();
        assertThat(store.exists(AttachmentService.objectKey(id))).isTrue();

        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);
        chat.send(send(alice, "with-photo", List.of(id)));
        assertThat(aliceFrames.awaitReply("with-photo").path("type").asText()).isEqualTo("ack");
        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("message.created").size() == 1);
        JsonNode attachment = bobFrames.events("message.created").get(0).path("attachments").get(0);
        assertThat(attachment.path("id").asText()).isEqualTo(id.toString());
        assertThat(attachment.path("name").asText()).isEqualTo("cat.png");
        assertThat(attachment.path("contentType").asText()).isEqualTo("image/png");
        assertThat(attachment.path("size").asLong()).isEqualTo(photo.length);
        assertThat(attachment.path("width").asInt()).isEqualTo(800);
        assertThat(attachment.path("height").asInt()).isEqualTo(600);
        assertThat(attachment.path("hasThumbnail").asBoolean()).isTrue();

        Response download = given().auth().oauth2(bob.token()).get("/api/attachments/" + id);
        download.then().statusCode(200).contentType("image/png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"cat.png\"; filename*=UTF-8''cat.png");
        assertThat(download.asByteArray()).isEqualTo(photo);
        String etag = download.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        given().auth().oauth2(bob.token()).header("If-None-Match", etag).get("/api/attachments/" + id)
                .then().statusCode(304).header("ETag", etag);

        Response thumbnail = given().auth().oauth2(bob.token()).get("/api/attachments/" + id + "/thumbnail");
        thumbnail.then().statusCode(200).contentType("image/jpeg").header("X-Content-Type-Options", "nosniff");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.asByteArray()));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(240);
        given().auth().oauth2(bob.token()).header("If-None-Match", thumbnail.header("ETag"))
                .get("/api/attachments/" + id + "/thumbnail").then().statusCode(304);
    }

    @Test
    void webpImagesGetTheirSizeAndAThumbnail() {
        Response uploaded = upload(alice, "dot.webp", Base64.getDecoder().decode(TINY_WEBP), "image/webp");
        uploaded.then().statusCode(201);
        assertThat((String) uploaded.path("contentType")).isEqualTo("image/webp");
        assertThat((Integer) uploaded.path("width")).isEqualTo(1);
        assertThat((Integer) uploaded.path("height")).isEqualTo(1);
        assertThat((Boolean) uploaded.path("hasThumbnail")).isTrue();
    }

    @Test
    void onlyMembersReadAPostedFileAndOnlyTheUploaderAnUnpostedOne() {
        UUID id = uploadId(alice, "plan.txt", "the plan".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(alice.token()).get("/api/attachments/" + id).then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .header("Content-Disposition", "attachment; filename=\"plan.txt\"; filename*=UTF-8''plan.txt");
        given().auth().oauth2(bob.token()).get("/api/attachments/" + id).then().statusCode(404);

        Frames aliceFrames = chat.listen(alice);
        chat.send(send(alice, "plan", List.of(id)));
        assertThat(aliceFrames.awaitReply("plan").path("type").asText()).isEqualTo("ack");

        given().auth().oauth2(bob.token()).get("/api/attachments/" + id).then().statusCode(200);
        String unknown = given().auth().oauth2(mallory.token()).get("/api/attachments/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").extract().path("detail");
        given().auth().oauth2(mallory.token()).get("/api/attachments/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("detail", is(unknown));
        given().auth().oauth2(mallory.token()).get("/api/attachments/" + id + "/thumbnail").then().statusCode(404);
        given().get("/api/attachments/" + id).then().statusCode(401);
    }

    @Test
    void onlyTheUploaderAttachesAnUploadAndOnlyOnce() {
        UUID id = uploadId(alice, "once.txt", "only once".getBytes(StandardCharsets.UTF_8));
        Frames aliceFrames = chat.listen(alice);
        Frames bobFrames = chat.listen(bob);

        chat.send(send(bob, "stolen", List.of(id)));
        assertThat(bobFrames.awaitReply("stolen").path("code").asText()).isEqualTo("invalid_field");
        chat.send(send(alice, "first", List.of(id)));
        assertThat(aliceFrames.awaitReply("first").path("type").asText()).isEqualTo("ack");
        chat.send(send(alice, "second", List.of(id)));
        assertThat(aliceFrames.awaitReply("second").path("code").asText()).isEqualTo("invalid_field");
        chat.send(send(alice, "unknown", List.of(UUID.randomUUID())));
        assertThat(aliceFrames.awaitReply("unknown").path("code").asText()).isEqualTo("invalid_field");
        await().atMost(Duration.ofSeconds(10)).until(() -> bobFrames.events("message.created").size() == 1);
        assertThat(bobFrames.events("message.created")).hasSize(1);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWith413WithOrWithoutALength() {
        byte[] tooBig = text(1024 * 1024 + 1);
        upload(alice, "big.txt", tooBig, "text/plain").then().statusCode(413)
                .contentType("application/problem+json").body("errors[0].field", is("body"));
        // Chunked, no Content-Length: the limit is enforced while the bytes arrive.
        given().auth().oauth2(alice.token()).contentType("text/plain").queryParam("name", "big.txt")
                .body(new ByteArrayInputStream(tooBig)).post("/api/attachments").then().statusCode(413);
        assertThat(usedBytes(alice)).isZero();
    }

    @Test
    void theBytesDecideTheTypeNotTheNameOrTheDeclaredType() {
        byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        upload(alice, "photo.png", html, "image/png").then().statusCode(415)
                .contentType("application/problem+json");
        byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
                + "<script>alert(document.domain)</script></svg>").getBytes(StandardCharsets.UTF_8);
        upload(alice, "logo.svg", svg, "image/svg+xml").then().statusCode(415);
        upload(alice, "notes.txt", svg, "text/plain").then().statusCode(415);
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        upload(alice, "readme.txt", elf, "text/plain").then().statusCode(415);
        byte[] script = "#!/bin/sh\nrm -rf ~\n".getBytes(StandardCharsets.UTF_8);
        upload(alice, "notes.txt", script, "text/plain").then().statusCode(415);
        byte[] notAnImage = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 40);
        upload(alice, "broken.png", notAnImage, "image/png").then().statusCode(415);

        Response pdf = upload(alice, "report.txt", "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1),
                "text/plain");
        pdf.then().statusCode(201);
        assertThat((String) pdf.path("contentType")).isEqualTo("application/pdf");
        given().auth().oauth2(alice.token()).get("/api/attachments/" + pdf.path("id")).then().statusCode(200)
                .contentType("application/pdf")
                .header("Content-Disposition", startsWith("attachment;"));
    }

    @Test
    void anImageDeclaringTooManyPixelsIsRefusedBeforeItIsDecoded() {
        upload(alice, "bomb.png", pngHeaderOnly(100_000, 100_000), "image/png").then().statusCode(413)
                .body("detail", containsString("100000x100000"));
    }

    @Test
    void uploadsOverTheUsersQuotaAreRefusedWith413() {
        // The test profile allows 3 MiB per user and 1 MiB per file.
        for (int i = 0; i < 3; i++) {
            upload(alice, "part" + i + ".txt", text(1_000_000), "text/plain").then().statusCode(201);
        }
        upload(alice, "one-more.txt", text(200_000), "text/plain").then().statusCode(413)
                .body("detail", containsString("quota"));
        upload(bob, "bobs.txt", text(200_000), "text/plain").then().statusCode(201);
    }

    @Test
    void deletingTheMessageMakesItsAttachmentsUnreachableAndRemovesTheirBytes() throws Exception {
        UUID id = uploadId(alice, "secret.png", png(400, 400));
        Frames aliceFrames = chat.listen(alice);
        chat.send(send(alice, "oops", List.of(id)));
        UUID messageId = UUID.fromString(aliceFrames.awaitReply("oops").path("messageId").asText());
        given().auth().oauth2(bob.token()).get("/api/attachments/" + id).then().statusCode(200);
        long used = usedBytes(alice);

        chat.send(new DeleteMessage("oops-gone", room, alice.id(), alice.session(), Instant.now(), messageId));
        assertThat(aliceFrames.awaitReply("oops-gone").path("type").asText()).isEqualTo("ack");

        for (TestUser user : List.of(alice, bob)) {
            given().auth().oauth2(user.token()).get("/api/attachments/" + id).then().statusCode(404);
            given().auth().oauth2(user.token()).get("/api/attachments/" + id + "/thumbnail").then().statusCode(404);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !store.exists(AttachmentService.objectKey(id))
                && !store.exists(AttachmentService.thumbnailKey(id)));
        assertThat(usedBytes(alice)).isLessThan(used);
    }

    @Test
    void aNameWithPathsControlCharactersOrMarkupIsStoredAndServedSafely() {
        String hostile = "..\\..\\etc/evil<img src=x onerror=alert(1)>\"\r\nX-Injected: 1\u202Etxt.exe";
        Response uploaded = upload(alice, hostile, "harmless".getBytes(StandardCharsets.UTF_8), "text/plain");
        uploaded.then().statusCode(201);
        String stored = uploaded.path("name");
        assertThat(stored).isEqualTo("evil<img src=x onerror=alert(1)>\"X-Injected: 1txt.exe");
        assertThat(stored).doesNotContain("/", "\\", "\r", "\n", "\u202E");

        Response download = given().auth().oauth2(alice.token()).get("/api/attachments/" + uploaded.path("id"));
        download.then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        assertThat(download.header("X-Injected")).isNull();
        String disposition = download.header("Content-Disposition");
        assertThat(disposition).isEqualTo("attachment; filename=\"evil_img src_x onerror_alert_1___X-Injected_ 1txt.exe\";"
                + " filename*=UTF-8''evil%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%22X-Injected%3A%201txt.exe");
        assertThat(download.contentType()).startsWith("text/plain");

        upload(alice, "../..", "x".getBytes(StandardCharsets.UTF_8), "text/plain").then().statusCode(201)
                .body("name", is("file"));
        given().auth().oauth2(alice.token()).contentType("text/plain").body("x").post("/api/attachments")
                .then().statusCode(400).body("errors[0].field", is("name"));
    }

    private long usedBytes(TestUser user) {
        return pool.withConnection(c -> attachments.usedBytes(c, user.id())).await().indefinitely();
    }

    private Response upload(TestUser user, String name, byte[] bytes, String contentType) {
        return given().auth().oauth2(user.token()).contentType(contentType).queryParam("name", name)
                .body(bytes).post("/api/attachments");
    }

    private UUID uploadId(TestUser user, String name, byte[] bytes) {
        return UUID.fromString(upload(user, name, bytes, "application/octet-stream")
                .then().statusCode(201).extract().path("id"));
    }

    private SendMessage send(TestUser sender, String clientId, List<UUID> attachmentIds) {
        return new SendMessage(clientId, room, sender.id(), sender.session(), Instant.now(), "see attached",
                MessageFormat.MARKDOWN,
                null, attachmentIds);
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.BLUE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A PNG whose header claims a huge image, with no pixel data: decoding it would need gigabytes. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        CRC32 endCrc = new CRC32();
        endCrc.update("IEND".getBytes(StandardCharsets.US_ASCII));
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt((int) endCrc.getValue());
        return png.array();
    }

    private static byte[] text(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'a');
        for (int i = 79; i < size; i += 80) {
            bytes[i] = '\n';
        }
        return bytes;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
