package io.chatsuite.history.repository;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.devstack.testing.HostileText;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, property: the one text rule and a real PostgreSQL agree. Arbitrary UTF-16 (U+0000, lone surrogates,
 * controls) goes through the reactive client as history-service stores text, as {@code text} and inside
 * {@code jsonb}: whatever the rule accepts comes back unchanged, and whatever does not come back unchanged is
 * refused by the rule. The only texts stored unchanged yet refused are those with control characters, which the rule
 * keeps out of every screen.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class StorableTextRoundTripTests {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    HistoryClient history;

    private String lastRefusal;

    @Test
    void everyPooledConnectionKeepsOneGenericPlanPerStatement() {
        // Planning the projection's unnest statements anew on every execution cost PostgreSQL more than running them.
        String mode = pool.query("SHOW plan_cache_mode").execute().await().atMost(Duration.ofSeconds(30))
                .iterator().next().getString(0);
        assertThat(mode).isEqualTo("force_generic_plan");
    }

    @Test
    void theRuleAcceptsWhatPostgresqlStoresUnchangedAndNothingElse() throws Exception {
        for (String text : HostileText.samples(60, 150)) {
            boolean unchanged = roundTrip(text).filter(text::equals).isPresent();
            boolean storable = StorableText.isStorable(text, StorableText.Kind.BODY);
            String shown = HostileText.asJsonString(text);
            if (storable) {
                assertThat(unchanged).as("accepted but changed by PostgreSQL: %s (%s)", shown, lastRefusal)
                        .isTrue();
            }
            if (unchanged && !storable) {
                assertThat(text.chars().anyMatch(Character::isISOControl))
                        .as("stored unchanged but refused: %s", shown).isTrue();
            }
        }
    }

    @Test
    void searchQueriesAnswerOrAreRefusedNamingQ() {
        TestUser alice = TestUser.named("alice");
        for (String text : HostileText.samples(200, 40)) {
            Response response = history.as(alice).queryParam("q", text).get("/api/history/search");
            String shown = HostileText.asJsonString(text);
            if (response.statusCode() != 200) {
                assertThat(response.statusCode()).as(shown).isEqualTo(400);
                assertThat(response.contentType()).as(shown).startsWith("application/problem+json");
                List<String> fields = response.path("errors.field");
                assertThat(fields).as(shown).containsExactly("q");
            }
        }
    }

    /** The text as PostgreSQL gives it back from a text and a jsonb value, when both agree; empty if refused. */
    private Optional<String> roundTrip(String text) throws Exception {
        String document = json.writeValueAsString(Map.of("v", text));
        try {
            Row row = pool.preparedQuery("SELECT $1::text AS t, ($2::text)::jsonb ->> 'v' AS j")
                    .execute(Tuple.of(text, document)).await().atMost(Duration.ofSeconds(10)).iterator().next();
            String asText = row.getString("t");
            lastRefusal = "text " + asText + ", jsonb " + row.getString("j");
            return asText.equals(row.getString("j")) ? Optional.of(asText) : Optional.empty();
        } catch (RuntimeException refused) {
            lastRefusal = refused.toString();
            return Optional.empty();
        }
    }
}
