package io.chatsuite.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatsuite.contracts.Topic;
import io.chatsuite.contracts.user.SessionRevoked;
import io.chatsuite.contracts.user.UserEvent;
import io.chatsuite.devstack.ServiceEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Revokes sessions on user.events the way auth-service does, and checks that a service refuses their access tokens
 * on REST: within a second of a revocation, and at once for one published before the service started
 * ({@link RevokedBeforeStart}).
 */
public final class SessionRevocations {

    /** The bound every service promises between a revocation and the refusal of the session's tokens. */
    public static final Duration REFUSAL_BOUND = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SessionRevocations() {
    }

    /** Publishes the revocation and returns once Kafka has it. */
    public static void revoke(UUID userId, UUID sessionId) {
        SessionRevoked event = new SessionRevoked(userId, sessionId, "logout", Instant.now());
        Properties config = new Properties();
        config.put("bootstrap.servers",
                LocalStackTestResource.environment().get(ServiceEnvironment.KAFKA_BOOTSTRAP_SERVERS));
        config.put("acks", "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.USER_EVENTS.topicName(), userId.toString(),
                    JSON.writerFor(UserEvent.class).writeValueAsString(event))).get();
        } catch (JsonProcessingException | ExecutionException e) {
            throw new IllegalStateException("could not publish the revocation", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token for the user's session, as auth-service would issue it. */
    public static String tokenFor(UUID userId, UUID sessionId) {
        return TestTokenIssuer.sign(TestTokenIssuer.claimsFor(userId, "user-" + userId, sessionId));
    }

    /**
     * A GET of the path with a session's unexpired token answers 401 problem details within a second of the
     * session's revocation, and the same user's other session keeps working.
     */
    public static void assertRevokedSessionRefused(String path) {
        UUID user = UUID.randomUUID();
        UUID revokedSession = UUID.randomUUID();
        String revoked = tokenFor(user, revokedSession);
        String other = tokenFor(user, UUID.randomUUID());
        assertAccepted(path, revoked);
        assertAccepted(path, other);

        revoke(user, revokedSession);
        awaitRefusedWithinBound(System.nanoTime(), () -> status(path, revoked) == 401);
        assertRefused(path, revoked);
        assertAccepted(path, other);
    }

    /**
     * Calls until the call is refused, and asserts that no call sent later than {@link #REFUSAL_BOUND} after the
     * revocation was let through. The bound is on when a call is sent, not on when its answer arrives, so a slow
     * machine does not fail a service that kept its promise; a service that never refuses fails after 10 s.
     */
    public static void awaitRefusedWithinBound(long revokedAtNanos, Callable<Boolean> refused) {
        AtomicLong lastAcceptedSentAt = new AtomicLong(revokedAtNanos);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25)).until(() -> {
            long sentAt = System.nanoTime();
            boolean done = refused.call();
            if (!done) {
                lastAcceptedSentAt.set(sentAt);
            }
            return done;
        });
        assertThat(Duration.ofNanos(lastAcceptedSentAt.get() - revokedAtNanos))
                .as("the latest call let through after the revocation was sent within the bound")
                .isLessThanOrEqualTo(REFUSAL_BOUND);
    }

    /** Once the service reports ready, the session revoked before it started is refused, and no other. */
    public static void assertRevokedBeforeStartRefused(String path) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        assertRefused(path, tokenFor(RevokedBeforeStart.USER, RevokedBeforeStart.SESSION));
        assertAccepted(path, tokenFor(RevokedBeforeStart.USER, UUID.randomUUID()));
    }

    private static void assertRefused(String path, String token) {
        given().auth().oauth2(token).get(path).then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", "Bearer");
    }

    private static void assertAccepted(String path, String token) {
        given().auth().oauth2(token).get(path).then().statusCode(200);
    }

    private static int status(String path, String token) {
        return given().auth().oauth2(token).get(path).statusCode();
    }
}
