package io.chatsuite.chat.service;

import io.chatsuite.chat.attachment.FileNames;
import io.chatsuite.chat.attachment.FileType;
import io.chatsuite.chat.attachment.FileTypeDetector;
import io.chatsuite.chat.attachment.ImageInspector;
import io.chatsuite.chat.attachment.ImageInspector.RefusedImage;
import io.chatsuite.chat.config.ChatConfig;
import io.chatsuite.chat.repository.AttachmentRepository;
import io.chatsuite.chat.repository.AttachmentRow;
import io.chatsuite.chat.storage.ObjectStore;
import io.chatsuite.contracts.chat.AttachmentRef;
import io.chatsuite.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Uploads and downloads of attachments. Every method blocks (spool file, image decoding, object store): callers run
 * on worker threads, never the event loop.
 *
 * <p>An upload is spooled to a file while it arrives (never held in memory), counted against the size limit and the
 * uploader's quota as it comes, typed by its bytes, inspected if it is an image, then reserved in PostgreSQL (the
 * quota check that holds across replicas), written to the object store, and marked stored.
 */
@ApplicationScoped
public class AttachmentService {

    private static final Logger LOG = Logger.getLogger(AttachmentService.class);
    private static final int BUFFER = 64 * 1024;

    private final Pool pool;
    private final AttachmentRepository attachments;
    private final ObjectStore store;
    private final ImageInspector images;
    private final ChatConfig.Attachments config;
    private final Clock clock;
    private final Path spool;

    public AttachmentService(Pool pool, AttachmentRepository attachments, ObjectStore store, ImageInspector images,
                             ChatConfig config, Clock clock,
                             @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.pool = pool;
        this.attachments = attachments;
        this.store = store;
        this.images = images;
        this.config = config.attachments();
        this.clock = clock;
        if (Math.max(this.config.maxSize(), this.config.avatarMaxSize()) >= maxBody.asLongValue()) {
            throw new IllegalStateException("chat.attachments.max-size (" + this.config.maxSize()
                    + ") and avatar-max-size (" + this.config.avatarMaxSize()
                    + ") must stay below quarkus.http.limits.max-body-size (" + maxBody.asLongValue() + ")");
        }
        try {
            this.spool = Files.createDirectories(this.config.spoolDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload spool " + this.config.spoolDirectory(), e);
        }
    }

    public static String objectKey(UUID id) {
        return "attachments/" + id;
    }

    public static String thumbnailKey(UUID id) {
        // A sibling, not a child, of the file's key: filesystem-backed stores cannot hold both "a" and "a/b".
        return "thumbnails/" + id;
    }

    public AttachmentRef upload(UUID uploader, String rawName, Long declaredLength, InputStream body) throws IOException {
        if (rawName == null || rawName.isBlank()) {
            throw ProblemException.invalidField("name", "the file's name is required");
        }
        return accept(uploader, FileNames.clean(rawName), declaredLength, body, Kind.ATTACHMENT);
    }

    /**
     * A profile picture: an image (JPEG, PNG, GIF, WebP, by its bytes) of at most {@code avatar-max-size} bytes,
     * counted in the quota like any upload, never posted, readable by every signed-in user.
     */
    public AttachmentRef uploadAvatar(UUID uploader, Long declaredLength, InputStream body) throws IOException {
        return accept(uploader, "avatar", declaredLength, body, Kind.AVATAR);
    }

    /** What an upload is for, and so how large it may be and which types it may have. */
    private enum Kind {
        ATTACHMENT, AVATAR
    }

    private long maxSize(Kind kind) {
        return kind == Kind.AVATAR ? config.avatarMaxSize() : config.maxSize();
    }

    private AttachmentRef accept(UUID uploader, String name, Long declaredLength, InputStream body, Kind kind)
            throws IOException {
        long maxSize = maxSize(kind);
        long room = config.userQuota() - pool.withConnection(c -> attachments.usedBytes(c, uploader))
                .await().indefinitely();
        if (declaredLength != null) {
            refuseIfTooLarge(declaredLength, maxSize, room);
        }
        refuseIfTooLarge(0, maxSize, room);
        Path file = Files.createTempFile(spool, "upload-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = spoolBody(body, file, sha256, maxSize, room);
            if (size == 0) {
                throw ProblemException.invalidField("body", "the file is empty");
            }
            FileType type = FileTypeDetector.detect(file)
                    .filter(detected -> kind == Kind.ATTACHMENT || detected.image())
                    .orElseThrow(() -> ProblemException.unsupportedType("body", kind == Kind.AVATAR
                            ? "a profile picture must be an image: JPEG, PNG, GIF or WebP"
                            : "this kind of file is not accepted: images (JPEG, PNG, GIF, WebP), PDF, plain text and"
                                    + " zip-based documents are"));
            Integer width = null;
            Integer height = null;
            Optional<ImageInspector.Thumbnail> thumbnail = Optional.empty();
            if (type.image()) {
                try {
                    ImageInspector.Inspected image = images.inspect(file, type);
                    width = image.width();
                    height = image.height();
                    thumbnail = image.thumbnail();
                } catch (RefusedImage refused) {
                    throw refused.tooLarge()
                            ? ProblemException.tooLarge("body", refused.getMessage())
                            : ProblemException.unsupportedType("body", refused.getMessage());
                }
            }
            AttachmentRef ref = new AttachmentRef(UUID.randomUUID(), name, type.contentType(), size, width, height,
                    thumbnail.isPresent());
            AttachmentRow row = new AttachmentRow(ref, uploader, HexFormat.of().formatHex(sha256.digest()),
                    thumbnail.map(ImageInspector.Thumbnail::contentType).orElse(null), null, null);
            store(row, kind == Kind.AVATAR, file, thumbnail);
            return ref;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private void store(AttachmentRow row, boolean avatar, Path file, Optional<ImageInspector.Thumbnail> thumbnail)
            throws IOException {
        boolean reserved = pool.withTransaction(tx -> attachments.reserve(tx, row, avatar, clock.instant(),
                        config.userQuota()))
                .await().indefinitely();
        if (!reserved) {
            throw quotaExceeded();
        }
        UUID id = row.id();
        try {
            store.put(objectKey(id), file, row.ref().contentType());
            if (thumbnail.isPresent()) {
                store.put(thumbnailKey(id), thumbnail.get().bytes(), thumbnail.get().contentType());
            }
            pool.withConnection(c -> attachments.markStored(c, id)).await().indefinitely();
        } catch (IOException | RuntimeException e) {
            // The reservation stays unstored; the janitor removes it and whatever reached the store.
            LOG.warnf(e, "storing upload %s failed", id);
            throw e;
        }
    }

    private long spoolBody(InputStream body, Path file, MessageDigest sha256, long maxSize, long room)
            throws IOException {
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(file)) {
            int read;
            while ((read = body.read(buffer)) > 0) {
                size += read;
                refuseIfTooLarge(size, maxSize, room);
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        return size;
    }

    private void refuseIfTooLarge(long size, long maxSize, long room) {
        if (size > maxSize) {
            throw ProblemException.tooLarge("body", "a file may have at most " + maxSize + " bytes");
        }
        if (size > room || room <= 0) {
            throw quotaExceeded();
        }
    }

    private ProblemException quotaExceeded() {
        return ProblemException.tooLarge("body", "this would exceed your storage quota of " + config.userQuota()
                + " bytes; files of deleted messages free their space");
    }

    /** The upload, if the user may read it; otherwise the same 404 whether it exists or not. */
    public AttachmentRow readable(UUID user, UUID id) {
        return pool.withConnection(c -> attachments.readable(c, id, user)).await().indefinitely()
                .orElseThrow(() -> ProblemException.notFound("no such attachment"));
    }

    /** A profile picture, for any signed-in user; the same 404 for no such picture and for any other upload. */
    public AttachmentRow avatar(UUID id) {
        return pool.withConnection(c -> attachments.avatar(c, id)).await().indefinitely()
                .orElseThrow(() -> ProblemException.notFound("no such avatar"));
    }

    public InputStream open(AttachmentRow row, boolean thumbnail) throws IOException {
        return store.open(thumbnail ? thumbnailKey(row.id()) : objectKey(row.id()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
