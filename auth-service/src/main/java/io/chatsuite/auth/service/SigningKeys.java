package io.chatsuite.auth.service;

import io.chatsuite.auth.config.AuthConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The token signing keys, kept as PKCS#8 PEM files in one directory (never in the repository). Every key there is
 * published in the JWKS; the one whose file name sorts last signs. A key is rotated by adding a file that sorts
 * after the others ({@link #generate()} names them by time); the old one keeps verifying until its file is removed.
 * The directory is read again periodically, so replicas sharing it follow without a restart.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Clock clock;
    private volatile Loaded loaded;

    private record Loaded(List<SigningKey> keys, String jwks) {
    }

    @Inject
    public SigningKeys(AuthConfig config, Clock clock) {
        this(config.keys().directory(), clock);
    }

    SigningKeys(Path directory, Clock clock) {
        this.directory = directory.toAbsolutePath();
        this.clock = clock;
        reload();
    }

    /** The key that signs new tokens. */
    public SigningKey current() {
        List<SigningKey> keys = loaded.keys();
        return keys.get(keys.size() - 1);
    }

    /** The published key with this id, if any. */
    public Optional<SigningKey> find(String keyId) {
        return loaded.keys().stream().filter(key -> key.id().equals(keyId)).findFirst();
    }

    /** Every published key, oldest first. */
    public List<SigningKey> published() {
        return loaded.keys();
    }

    /** The public halves of every key as a JWK Set document. */
    public String jwks() {
        return loaded.jwks();
    }

    public Path directory() {
        return directory;
    }

    /** Reads the directory again; when it holds no key, makes the first one. */
    @Scheduled(every = "${auth.keys.reload-interval}", delayed = "${auth.keys.reload-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void reload() {
        List<SigningKey> keys = readDirectory();
        if (keys.isEmpty()) {
            writeNewKey();
            keys = readDirectory();
        }
        loaded = new Loaded(List.copyOf(keys), toJwks(keys));
    }

    /** Adds a key that signs from now on; the others stay published until their files are removed. */
    public synchronized SigningKey generate() {
        writeNewKey();
        reload();
        return current();
    }

    private List<SigningKey> readDirectory() {
        try {
            Files.createDirectories(directory);
            List<Path> files;
            try (Stream<Path> listing = Files.list(directory)) {
                files = listing.filter(file -> file.getFileName().toString().endsWith(".pem")).sorted().toList();
            }
            List<SigningKey> keys = new ArrayList<>();
            for (Path file : files) {
                try {
                    keys.add(read(file));
                } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
                    LOG.errorf("Ignoring %s: not an RSA private key in PKCS#8 PEM (%s)", file, e.getMessage());
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key directory " + directory, e);
        }
    }

    private static SigningKey read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        String thumbprint = new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
        return new SigningKey(thumbprint, privateKey, publicKey);
    }

    private void writeNewKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
            Path file = directory.resolve("key-" + FILE_TIME.format(clock.instant()) + ".pem");
            Path temporary = Files.createTempFile(directory, "new-key", ".tmp");
            restrictToOwner(temporary);
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Generated signing key %s", file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signing key to " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static String toJwks(List<SigningKey> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (SigningKey key : keys) {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
            jwk.setKeyId(key.id());
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            jwks.add(jwk);
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
