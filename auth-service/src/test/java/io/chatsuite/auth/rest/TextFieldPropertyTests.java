package io.chatsuite.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatsuite.auth.TestUsers;
import io.chatsuite.auth.TestUsers.TestUser;
import io.chatsuite.contracts.text.StorableText;
import io.chatsuite.devstack.testing.HostileText;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, property: arbitrary Unicode (U+0000, lone surrogates, controls) as a display name or a login name goes
 * through the real PostgreSQL: 2xx with the name stored as the rule allows, or a 400 problem naming the field, never
 * a 500. Bodies carry every non-ASCII character as a JSON escape, so lone surrogates arrive as such.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class TextFieldPropertyTests {

    @Test
    void displayNamesAreStoredAsTheRuleAllowsOrRefusedNamingTheField() {
        TestUser user = TestUsers.register();
        for (String text : HostileText.samples(70, 25)) {
            Response changed = user.request().body("{\"displayName\":" + HostileText.asJsonString(text) + "}")
                    .patch("/api/users/me");
            String shown = HostileText.asJsonString(text);
            String expected = Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
            if (changed.statusCode() == 200) {
                assertThat(StorableText.isStorable(expected, StorableText.Kind.LINE)).as(shown).isTrue();
                assertThat((String) user.request().get("/api/users/me").path("displayName")).as(shown)
                        .isEqualTo(expected);
            } else {
                assertRefusedNaming(changed, shown, "displayName");
            }
        }
    }

    @Test
    void loginNamesNoStoreCanHoldAreRefusedNamingTheField() {
        for (String text : HostileText.samples(32, 10)) {
            Response login = given().contentType("application/json").body("{\"username\":"
                    + HostileText.asJsonString(text) + ",\"password\":\"not the password\"}").post("/api/auth/login");
            String shown = HostileText.asJsonString(text);
            assertThat(login.statusCode()).as(shown).isIn(400, 401, 429);
            if (login.statusCode() == 400) {
                assertRefusedNaming(login, shown, "username");
            }
        }
    }

    private static void assertRefusedNaming(Response response, String shown, String field) {
        assertThat(response.statusCode()).as(shown).isEqualTo(400);
        assertThat(response.contentType()).as(shown).startsWith("application/problem+json");
        List<String> fields = response.path("errors.field");
        assertThat(fields).as(shown).isNotEmpty().containsOnly(field);
    }
}
