package io.chatsuite.chat.storage;

import io.chatsuite.chat.config.ChatConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Attachments in an S3-compatible bucket, through the AWS SDK's blocking client (worker threads only). */
@ApplicationScoped
@Startup
public class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = Logger.getLogger(S3ObjectStore.class);

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(ChatConfig config) {
        ChatConfig.Storage storage = config.attachments().storage();
        var builder = S3Client.builder()
                .region(Region.of(storage.region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(storage.pathStyle())
                        .chunkedEncodingEnabled(false).build())
                // Checksums only where S3 requires them: the SDK's newer default (trailing CRC checksums in aws-chunked
                // bodies) is not understood by every S3-compatible store (S3Proxy, older MinIO).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)));
        storage.endpoint().ifPresent(builder::endpointOverride);
        if (storage.accessKeyId().isPresent() && storage.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(storage.accessKeyId().get(), storage.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.bucket = storage.bucket();
        if (storage.createBucket()) {
            ensureBucket();
        }
    }

    private void ensureBucket() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                createBucket();
            } else {
                LOG.warnf("the attachment bucket %s could not be checked: %s", bucket, e.getMessage());
            }
        } catch (SdkException e) {
            // The store may come up after us; uploads fail with 500 until it does, and readiness does not depend on it.
            LOG.warnf("the attachment bucket %s could not be checked: %s", bucket, e.getMessage());
        }
    }

    private void createBucket() {
        LOG.infof("creating the attachment bucket %s", bucket);
        s3.createBucket(request -> request.bucket(bucket));
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        call(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentType(bare(contentType)),
                RequestBody.fromFile(file)));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        call(() -> s3.putObject(request -> request.bucket(bucket).key(key).contentType(bare(contentType)),
                RequestBody.fromBytes(bytes)));
    }

    /**
     * The media type without parameters: the header is signed, and a store that re-spaces "; charset=" computes
     * another signature. The service serves the full type from its own metadata anyway.
     */
    private static String bare(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("reading " + key + " from bucket " + bucket + " failed", e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("checking " + key + " in bucket " + bucket + " failed", e);
        } catch (SdkException e) {
            throw new IOException("checking " + key + " in bucket " + bucket + " failed", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> s3.deleteObject(request -> request.bucket(bucket).key(key)));
    }

    private void call(Runnable operation) throws IOException {
        try {
            operation.run();
        } catch (SdkException e) {
            throw new IOException("the object store at bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        s3.close();
    }
}
