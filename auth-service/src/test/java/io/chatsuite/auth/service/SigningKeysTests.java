package io.chatsuite.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class SigningKeysTests {

    @TestHTTPResource("/api/auth/jwks")
    URL jwks;

    @Inject
    SigningKeys keys;

    @Test
    void aNewKeySignsWhileTokensOfTheOldOneVerifyUntilItIsRemoved() throws Exception {
        SigningKey old = keys.current();
        TestUser user = TestUsers.register();
        assertThat(keyIdOf(user.accessToken())).isEqualTo(old.id());

        SigningKey added = keys.generate();

        assertThat(added.id()).isNotEqualTo(old.id());
        RestAssured.get("/api/auth/jwks").then().body("keys.kid", containsInAnyOrder(old.id(), added.id()));
        verify(user.accessToken());
        user.request().get("/api/users/me").then().statusCode(200);
        String newToken = TestUsers.login(user.username(), TestUsers.PASSWORD).getString("accessToken");
        assertThat(keyIdOf(newToken)).isEqualTo(added.id());
        verify(newToken);

        removeOlderKeys();

        RestAssured.get("/api/auth/jwks").then().body("keys.kid", contains(added.id()));
        assertThatThrownBy(() -> verify(user.accessToken())).isInstanceOf(ParseException.class);
        user.request().get("/api/users/me").then().statusCode(401);
        verify(newToken);
    }

    @Test
    void theFirstKeyIsMadeOnceKeptPrivateAndReusedAfterARestart(@TempDir Path directory) throws IOException {
        SigningKey first = new SigningKeys(directory, Clock.systemUTC()).current();

        SigningKey afterRestart = new SigningKeys(directory, Clock.systemUTC()).current();

        assertThat(afterRestart.id()).isEqualTo(first.id());
        List<Path> files = pemFiles(directory);
        assertThat(files).hasSize(1);
        assertThat(Files.readString(files.get(0))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0)))).isEqualTo("rw-------");
    }

    @Test
    void ignoresAFileThatIsNotAKey(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("zzz-broken.pem"), "not a key");

        SigningKeys loaded = new SigningKeys(directory, Clock.systemUTC());

        assertThat(loaded.published()).hasSize(1);
        assertThat(pemFiles(directory)).hasSize(2);
    }

    /** Deletes every key file but the newest, which (named by time, sorting last) is the one that signs. */
    private void removeOlderKeys() throws IOException {
        List<Path> files = pemFiles(keys.directory());
        for (Path file : files.subList(0, files.size() - 1)) {
            Files.delete(file);
        }
        keys.reload();
    }

    private static List<Path> pemFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".pem")).sorted().toList();
        }
    }

    private void verify(String token) throws ParseException {
        JWTAuthContextInfo info = new JWTAuthContextInfo(jwks.toString(), "https://chat.local/auth");
        info.setExpectedAudience(Set.of("chat-suite"));
        new DefaultJWTParser(info, new DefaultJWTCallerPrincipalFactory()).parse(token);
    }

    private static String keyIdOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(header).getString("kid");
    }
}
