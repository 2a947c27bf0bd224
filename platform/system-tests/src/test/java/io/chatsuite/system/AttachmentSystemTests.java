package io.chatsuite.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatsuite.system.SuiteApi.Account;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Attachments through the whole suite: upload via a gateway, S3 storage, the event, history, the download. */
class AttachmentSystemTests extends TwoGatewaySuite {

    @Test
    void anUploadedImageIsSentSeenInTheEventAndHistoryAndDownloadedByTheOtherMember() throws Exception {
        Account alice = api.register("alice");
        Account bob = api.register("bob");
        String direct = api.direct(alice, bob);
        byte[] photo = png(1000, 500);

        JsonNode uploaded = api.upload(alice, "holiday.png", photo);
        String id = uploaded.path("id").asText();
        assertThat(uploaded.path("contentType").asText()).isEqualTo("image/png");
        assertThat(uploaded.path("width").asInt()).isEqualTo(1000);
        assertThat(uploaded.path("hasThumbnail").asBoolean()).isTrue();

        try (ChatClient aliceClient = ChatClient.connect(nodeA, alice.token());
             ChatClient bobClient = ChatClient.connect(nodeA, bob.token())) {
            aliceClient.sendMessage("photo-1", direct, "look at this", List.of(id));
            assertThat(aliceClient.awaitReply("photo-1").path("type").asText()).isEqualTo("ack");

            await().atMost(Duration.ofSeconds(30)).until(() -> !bobClient.events("message.created").isEmpty());
            JsonNode attachment = bobClient.events("message.created").get(0).path("attachments").get(0);
            assertThat(attachment.path("id").asText()).isEqualTo(id);
            assertThat(attachment.path("name").asText()).isEqualTo("holiday.png");
            assertThat(attachment.path("size").asLong()).isEqualTo(photo.length);
            assertThat(attachment.path("height").asInt()).isEqualTo(500);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page = api.call("GET", "/api/history/conversations/" + direct + "/messages", bob.token(),
                    null, 200);
            JsonNode kept = page.path("messages").get(0).path("attachments").get(0);
            assertThat(kept.path("id").asText()).isEqualTo(id);
            assertThat(kept.path("contentType").asText()).isEqualTo("image/png");
        });

        HttpResponse<byte[]> download = api.download("/api/attachments/" + id, bob.token());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(photo);
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        HttpResponse<byte[]> thumbnail = api.download("/api/attachments/" + id + "/thumbnail", bob.token());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(160);

        Account eve = api.register("eve");
        assertThat(api.download("/api/attachments/" + id, eve.token()).statusCode()).isEqualTo(404);
    }

    @Test
    void aFileLargerThanTheDefaultRequestLimitStreamsThroughTheGateway() throws Exception {
        Account carol = api.register("carol");
        // 12 MiB: above Quarkus' default 10 MiB body limit, below the 25 MiB attachment limit.
        byte[] large = new byte[12 * 1024 * 1024];
        Arrays.fill(large, (byte) 'z');
        for (int i = 99; i < large.length; i += 100) {
            large[i] = '\n';
        }
        JsonNode uploaded = api.upload(carol, "large.txt", large);
        assertThat(uploaded.path("size").asLong()).isEqualTo(large.length);
        assertThat(uploaded.path("contentType").asText()).isEqualTo("text/plain; charset=utf-8");
        HttpResponse<byte[]> download = api.download("/api/attachments/" + uploaded.path("id").asText(),
                carol.token());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(large);
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.GREEN);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
