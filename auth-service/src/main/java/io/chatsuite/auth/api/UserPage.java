package io.chatsuite.auth.api;

import java.util.List;

/** One page of search results; {@code hasMore} says whether the next page has any. */
public record UserPage(List<UserView> items, int page, int size, boolean hasMore) {
}
