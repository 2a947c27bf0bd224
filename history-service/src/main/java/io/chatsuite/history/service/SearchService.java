package io.chatsuite.history.service;

import io.chatsuite.history.api.SearchPage;
import io.chatsuite.history.api.SearchPage.SearchHit;
import io.chatsuite.history.mapping.PlainTextPreview;
import io.chatsuite.history.repository.MessageRepository;
import io.chatsuite.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Full-text search over the messages of the conversations a user is a member of now. */
@ApplicationScoped
public class SearchService {

    /** Characters of body a hit shows around its first match. */
    static final int SNIPPET_LENGTH = 160;

    private final MessageRepository messages;

    public SearchService(MessageRepository messages) {
        this.messages = messages;
    }

    public Uni<SearchPage> search(UUID userId, String text, int page, int size) {
        String query = SearchText.query(text);
        if (query.isEmpty()) {
            throw ProblemException.invalidField("q", "must contain a letter or digit to search for");
        }
        return messages.search(userId, query, size + 1, (long) page * size).map(found -> new SearchPage(
                found.stream().limit(size)
                        .map(match -> new SearchHit(match.conversationId(), match.seq(), match.messageId(),
                                match.senderId(), match.senderName(), match.sentAt(),
                                // Plain text, as the conversation list's previews: no Markdown markers to read past.
                                SearchText.snippet(PlainTextPreview.of(match.body(), match.format(),
                                        Integer.MAX_VALUE), text, SNIPPET_LENGTH)))
                        .toList(),
                page, size, found.size() > size));
    }
}
