package io.chatsuite.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** chat-service settings, validated at start. */
@ConfigMapping(prefix = "chat")
public interface ChatConfig {

    Limits limits();

    Attachments attachments();

    interface Limits {

        /** The longest message body, in characters. */
        @WithDefault("4000")
        @Min(1)
        @Max(65536)
        int bodyLength();

        /** The most members a group room may have. */
        @WithDefault("5000")
        @Min(2)
        int roomMembers();
    }

    interface Attachments {

        /** The largest file accepted, in bytes (25 MiB). */
        @WithDefault("26214400")
        @Min(1)
        long maxSize();

        /** The largest profile picture accepted, in bytes (2 MiB); only images are. */
        @WithDefault("2097152")
        @Min(1)
        long avatarMaxSize();

        /** The total bytes one user may have stored, posted or not (1 GiB); deleted messages free theirs. */
        @WithDefault("1073741824")
        @Min(1)
        long userQuota();

        /** The longest side of a thumbnail, in pixels. */
        @WithDefault("320")
        @Min(16)
        @Max(1024)
        int thumbnailSize();

        /** The most pixels an image may declare in its header before anything is decoded (decompression bombs). */
        @WithDefault("40000000")
        @Min(1)
        long maxPixels();

        /** How long an upload that no message references is kept. */
        @WithDefault("PT24H")
        Duration unpostedLifetime();

        /** How often deleted attachments' bytes are removed from the store. */
        @WithDefault("30s")
        Duration janitorInterval();

        /** Where an upload is spooled while it arrives, before it goes to the object store. */
        Path spoolDirectory();

        Storage storage();
    }

    /** The S3-compatible object store. Without keys, the AWS default chain (environment, web identity) applies. */
    interface Storage {

        /** The endpoint of an S3-compatible store; absent for AWS itself. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        @WithDefault("chat-attachments")
        String bucket();

        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        /** Path-style addressing (bucket in the path), which S3Proxy and MinIO need. */
        @WithDefault("true")
        boolean pathStyle();

        /** Create the bucket at start when it is missing (dev and compose stores start empty). */
        @WithDefault("true")
        boolean createBucket();
    }
}
