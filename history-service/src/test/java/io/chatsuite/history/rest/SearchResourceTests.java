package io.chatsuite.history.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.chatsuite.contracts.chat.MessageCreated;
import io.chatsuite.contracts.chat.MessageFormat;
import io.chatsuite.devstack.testing.LocalStackTestResource;
import io.chatsuite.devstack.testing.TestTokenIssuer;
import io.chatsuite.history.api.SearchPage;
import io.chatsuite.history.api.SearchPage.SearchHit;
import io.chatsuite.history.api.SearchPage.Snippet;
import io.chatsuite.history.testing.ConversationScript;
import io.chatsuite.history.testing.HistoryClient;
import io.chatsuite.history.testing.TestEvents;
import io.chatsuite.history.testing.TestUser;
import io.chatsuite.problem.Problem;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
@WithTestResource(TestTokenIssuer.class)
class SearchResourceTests {

    @Inject
    TestEvents events;

    @Inject
    HistoryClient history;

    @Test
    void findsEnglishAndChineseTextWithRangesToHighlight() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        MessageCreated english = chat.message(alice, "The Quarterly REPORT is ready for review");
        MessageCreated chinese = chat.message(alice, "我们明天去北京开会，别忘了带报告");
        MessageCreated japanese = chat.message(alice, "東京でコーヒーを飲みました");
        MessageCreated mixed = chat.message(alice, "周末hiking计划 with friends");
        events.publish(chat.group("Languages", alice), english, chinese, japanese, mixed,
                chat.message(alice, "nothing to see"));
        history.awaitStored(alice, chat.id(), chat.seq());

        assertFound(alice, "report", english, "REPORT");
        assertFound(alice, "quarterly report", english, "Quarterly", "REPORT");
        assertFound(alice, "北京", chinese, "北京");
        assertFound(alice, "明天去北京", chinese, "明天去北京");
        assertFound(alice, "报告", chinese, "报告");
        assertFound(alice, "コーヒー", japanese, "コーヒー");
        assertFound(alice, "hiking 计划", mixed, "hiking", "计划");
        assertThat(history.search(alice, "京北", 0, 10).hits()).as("characters in another order").isEmpty();
    }

    @Test
    void findsNothingFromConversationsTheUserIsNotInOrHasLeft() {
        TestUser alice = TestUser.named("alice");
        TestUser bob = TestUser.named("bob");
        ConversationScript mine = new ConversationScript();
        ConversationScript theirs = new ConversationScript();
        ConversationScript left = new ConversationScript();
        events.publish(mine.group("Mine", alice), mine.message(alice, "pineapple pizza 菠萝披萨"));
        events.publish(theirs.group("Theirs", bob), theirs.message(bob, "pineapple pizza 菠萝披萨 is great"));
        events.publish(left.group("Left", alice, bob), left.message(bob, "pineapple pizza 菠萝披萨 again"),
                left.leave(alice));
        history.awaitStored(alice, mine.id(), mine.seq());
        history.awaitStored(bob, theirs.id(), theirs.seq());
        history.awaitStored(bob, left.id(), left.seq());

        for (String query : List.of("pineapple", "菠萝披萨")) {
            assertThat(history.search(alice, query, 0, 10).hits()).extracting(SearchHit::conversationId)
                    .containsExactly(mine.id());
            assertThat(history.search(bob, query, 0, 10).hits()).extracting(SearchHit::conversationId)
                    .containsExactlyInAnyOrder(theirs.id(), left.id());
        }
    }

    @Test
    void findsEditedTextAndNothingDeleted() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Edits", alice);
        MessageCreated typo = chat.message(alice, "meet at the libary");
        MessageCreated regret = chat.message(alice, "an embarrassing confession 秘密");
        events.publish(created, typo, regret, chat.edit(typo, "meet at the library"), chat.delete(regret));
        history.awaitStored(alice, chat.id(), chat.seq());

        assertThat(history.search(alice, "libary", 0, 10).hits()).isEmpty();
        assertThat(history.search(alice, "library", 0, 10).hits()).extracting(SearchHit::seq)
                .containsExactly(typo.seq());
        assertThat(history.search(alice, "confession", 0, 10).hits()).isEmpty();
        assertThat(history.search(alice, "秘密", 0, 10).hits()).isEmpty();
    }

    @Test
    void pagesNewestFirstAndCutsSnippetsAroundTheMatch() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        var created = chat.group("Paging", alice);
        List<MessageCreated> matches = List.of(chat.message(alice, "zebra one"), chat.message(alice, "zebra two"),
                chat.message(alice, "zebra three"), chat.message(alice, "zebra four"),
                chat.message(alice, "a".repeat(300) + " zebra " + "b".repeat(300)));
        events.publish(created);
        events.publish(matches);
        history.awaitStored(alice, chat.id(), chat.seq());

        SearchPage first = history.search(alice, "zebra", 0, 2);
        SearchPage last = history.search(alice, "zebra", 2, 2);

        assertThat(first.hits()).extracting(SearchHit::seq).containsExactly(matches.get(4).seq(), matches.get(3).seq());
        assertThat(first.hasMore()).isTrue();
        assertThat(last.hits()).extracting(SearchHit::seq).containsExactly(matches.get(0).seq());
        assertThat(last.hasMore()).isFalse();
        Snippet cut = first.hits().get(0).snippet();
        assertThat(cut.text()).hasSize(160).contains("zebra");
        assertThat(highlighted(cut)).containsExactly("zebra");
    }

    /** Issue 19 item 3: snippets read like the message on screen, with the matches still marked. */
    @Test
    void snippetsArePlainTextWithoutMarkdownMarkers() {
        TestUser alice = TestUser.named("alice");
        ConversationScript chat = new ConversationScript();
        MessageCreated marked = chat.message(alice, "the **walrus** plan:\n\n`ship it` see [the doc](https://example.org/w)");
        MessageCreated plain = chat.message(alice, "a **walrus** typed as plain text", MessageFormat.PLAIN, null,
                List.of());
        events.publish(chat.group("Snippets", alice), marked, plain);
        history.awaitStored(alice, chat.id(), chat.seq());

        List<SearchHit> hits = history.search(alice, "walrus", 0, 10).hits();

        assertThat(hits).extracting(hit -> hit.snippet().text())
                .containsExactly("a **walrus** typed as plain text", "the walrus plan: ship it see the doc");
        assertThat(hits).allSatisfy(hit -> assertThat(highlighted(hit.snippet())).containsExactly("walrus"));
    }

    @Test
    void refusesBadParametersNamingTheParameter() {
        TestUser alice = TestUser.named("alice");

        assertRefused(alice, Map.of("q", ""), "q");
        assertRefused(alice, Map.of("q", "!!! ???"), "q");
        assertRefused(alice, Map.of("q", "x".repeat(201)), "q");
        assertRefused(alice, Map.of("q", "zebra", "size", "0"), "size");
        assertRefused(alice, Map.of("q", "zebra", "size", "201"), "size");
        assertRefused(alice, Map.of("q", "zebra", "page", "-1"), "page");
        assertRefused(alice, Map.of("q", "zebra", "page", "abc"), "page");
        assertRefused(alice, Map.of("q", "zebra", "page", "99999999999999999999"), "page");
        history.as(alice).get("/api/history/search").then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
    }

    private void assertFound(TestUser user, String query, MessageCreated message, String... marked) {
        List<SearchHit> hits = history.search(user, query, 0, 10).hits();
        assertThat(hits).as("hits for %s", query).extracting(SearchHit::messageId)
                .containsExactly(message.messageId());
        SearchHit hit = hits.get(0);
        assertThat(hit.seq()).isEqualTo(message.seq());
        assertThat(hit.conversationId()).isEqualTo(message.conversationId());
        assertThat(hit.snippet().text()).isEqualTo(message.body());
        assertThat(highlighted(hit.snippet())).as("highlighted for %s", query).containsExactly(marked);
    }

    private void assertRefused(TestUser user, Map<String, String> query, String field) {
        history.as(user).queryParams(query).get("/api/history/search").then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo(field));
    }

    private static List<String> highlighted(Snippet snippet) {
        return snippet.highlights().stream()
                .map(range -> snippet.text().substring(range.start(), range.end()))
                .toList();
    }
}
