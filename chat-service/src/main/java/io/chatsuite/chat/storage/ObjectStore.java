package io.chatsuite.chat.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where attachment bytes live, by key. Blocking calls: use them from worker threads only, never the event loop.
 * The one implementation for every environment is {@link S3ObjectStore} (an S3-compatible store: S3Proxy in the
 * local stack, MinIO or a cloud bucket elsewhere).
 */
public interface ObjectStore {

    void put(String key, Path file, String contentType) throws IOException;

    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The object's bytes, streamed; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Removes the object; removing one that is not there is not an error. */
    void delete(String key) throws IOException;
}
